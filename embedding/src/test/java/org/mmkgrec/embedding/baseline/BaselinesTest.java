package org.mmkgrec.embedding.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.EvaluateJob;
import org.mmkgrec.embedding.eval.EvaluationReport;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** Every baseline on a 4-user, 5-item graph whose answers can be worked out by hand. */
class BaselinesTest {
    // users u1..u4 -> indexes 0..3, items i1..i5 -> 0..4 (id order)
    static final String GRAPH = """
            CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}), (u3:User {id: 'u3'}), (u4:User {id: 'u4'}),
                   (i1:Item:Entity {id: 'i1', entityId: 'i1'}), (i2:Item:Entity {id: 'i2', entityId: 'i2'}),
                   (i3:Item:Entity {id: 'i3', entityId: 'i3'}), (i4:Item:Entity {id: 'i4', entityId: 'i4'}),
                   (i5:Item:Entity {id: 'i5', entityId: 'i5'}), (rock:Entity {entityId: 'rock'}),
                   (u1)-[:INTERACTED {label: 1, split: 'train'}]->(i1), (u1)-[:INTERACTED {label: 1, split: 'train'}]->(i2),
                   (u1)-[:INTERACTED {label: 0, split: 'train'}]->(i5),
                   (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i1), (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i2),
                   (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i3),
                   (u3)-[:INTERACTED {label: 1, split: 'train'}]->(i2), (u3)-[:INTERACTED {label: 1, split: 'train'}]->(i3),
                   (u4)-[:INTERACTED {label: 1, split: 'train'}]->(i4),
                   (u1)-[:INTERACTED {label: 1, split: 'eval'}]->(i3), (u4)-[:INTERACTED {label: 0, split: 'eval'}]->(i5),
                   (i1)-[:`music.artist.genre`]->(rock), (i3)-[:`music.artist.genre`]->(rock)""";
    // the test part: never in the graph
    static final String HELD_OUT = "user\titem\tlabel\trating\ttimestamp\nu1\ti4\t1\tNaN\t-1\nu3\ti1\t1\tNaN\t-1\n"
            + "u2\ti5\t0\tNaN\t-1\nu4\ti2\t0\tNaN\t-1\n";

    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;
    static Path heldOut;

    @BeforeAll
    static void graph() throws IOException {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        store.db().executeTransactionally(GRAPH);
        heldOut = dir.resolve("test.tsv");
        Files.writeString(heldOut, HELD_OUT);
        data = InteractionData.fromGraph(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void theTrainingViewHoldsNoTestPair() {
        InteractionData.TestSet test = data.testSet(heldOut);
        assertThat(test.size()).isEqualTo(4);
        for (int k = 0; k < test.size(); k++) {
            int u = test.users()[k];
            int i = test.items()[k];
            assertThat(data.isTrainPositive(u, i)).isFalse();
            assertThat(data.trainNegatives[u]).doesNotContain(i);
        }
        // popularity counts training positives only: i4 is liked by u4 alone (u1's test like is unseen)
        MostPopular pop = new MostPopular();
        pop.fit(data);
        assertThat(pop.scores(0)).containsExactly(2f, 3f, 2f, 1f, 0f);
        assertThat(data.evalUsers).containsExactly(0, 3);
    }

    @Test
    void itemKnnIsCosineOverCoOccurrence() {
        ItemKnn knn = new ItemKnn(100);
        knn.fit(data);
        // u1 liked i1, i2: sim(i1,i3) = 1/sqrt(2*2) = 0.5, sim(i2,i3) = 2/sqrt(3*2) = 0.8165
        float[] s = knn.scores(0);
        assertThat(s[2]).isCloseTo((float) (0.5 + 2 / Math.sqrt(6)), within(1e-6f));
        assertThat(s[0]).isCloseTo((float) (2 / Math.sqrt(6)), within(1e-6f));
        assertThat(s[3]).isZero();
    }

    @Test
    void cypherCfCountsCoLikingPaths() {
        CypherCf cf = new CypherCf(store.db());
        cf.fit(data);
        // training likes of u1: i1, i2 (its eval like of i3 is not training data). Overlaps: u2 2, u3 1;
        // u2 likes i1, i2, i3 (+2 each), u3 likes i2, i3 (+1 each)
        assertThat(cf.scores(0)).containsExactly(2f, 3f, 3f, 0f, 0f);
    }

    @Test
    void bprMfLossFallsAndIsDeterministic() {
        BprMf.Config config = new BprMf.Config(8, 2, 1024, 0.05f, 1e-4f, 7);
        BprMf a = new BprMf(config);
        a.fit(data);
        assertThat(a.lossCurve()).hasSize(2);
        assertThat(a.lossCurve().get(1)).isLessThan(a.lossCurve().get(0));
        BprMf b = new BprMf(config);
        b.fit(data);
        assertThat(b.scores(0)).containsExactly(a.scores(0));
        assertThat(b.lossCurve()).isEqualTo(a.lossCurve());
    }

    @Test
    void fastRpRunsInPlaceDeterministically() {
        FastRp a = new FastRp(store.db(), 16, 42);
        a.fit(data);
        FastRp b = new FastRp(store.db(), 16, 42);
        b.fit(data);
        assertThat(b.scores(1)).containsExactly(a.scores(1));
        // u2's vector is the normalised neighbourhood of its liked items: it scores them above i5
        assertThat(a.scores(1)[1]).isGreaterThan(a.scores(1)[4]);
    }

    @Test
    void sameSeedSameReport() {
        EvaluateConfig config = EvaluateConfig.defaults(List.of("pop", "itemknn", "cypher-cf"), EvaluateConfig.Protocol.CTR);
        EvaluationReport first = new EvaluateJob(store.db(), heldOut, config, "fixture").run();
        EvaluationReport second = new EvaluateJob(store.db(), heldOut, config, "fixture").run();
        assertThat(first.models()).extracting(EvaluationReport.ModelResult::metrics)
                .isEqualTo(second.models().stream().map(EvaluationReport.ModelResult::metrics).toList());
        // pop scores the test pairs u1-i4: 1, u3-i1: 2 (positives), u2-i5: 0, u4-i2: 3 (negatives) -> AUC 2/4
        assertThat(first.models().get(0).metrics().get("auc")).isEqualTo(0.5);
    }
}
