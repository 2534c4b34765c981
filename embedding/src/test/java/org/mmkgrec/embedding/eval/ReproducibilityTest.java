package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** A model's figure does not depend on what the process trained before it: each model is seeded on its own. */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void aModelScoresTheSameAloneAndAfterOtherModels() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
            InteractionData data = InteractionData.fromGraph(store.db());
            // test pairs: each user's unseen item of their own group against one of the other
            InteractionData.TestSet test = new InteractionData.TestSet(new int[] {1, 1, 3, 3, 4, 4}, new int[] {0, 4, 5, 2, 5, 1},
                    new int[] {1, 0, 1, 0, 1, 0}, 0);
            EvaluateConfig config = EvaluateConfig.defaults(List.of("lightgcn"), EvaluateConfig.Protocol.CTR)
                    .withParams(ModelParams.parse(List.of("lightgcn.dimension=8", "lightgcn.epochs=30", "lightgcn.batchSize=4",
                            "bprmf.dimension=8", "bprmf.epochs=10", "bprmf.batchSize=4", "mmgcn.dimension=8", "mmgcn.epochs=10",
                            "mmgcn.batchSize=4", "transe.dimension=8", "transe.epochs=10")));
            Recommender alone = Models.create("lightgcn", config.forModel("lightgcn", 5), store.db());
            alone.fit(data);
            Map<String, Double> first = EvaluateJob.ctr(alone, data, test);

            for (String other : List.of("bprmf", "mmgcn", "transe")) {
                Models.create(other, config.forModel(other, 9), store.db()).fit(data);
            }
            Recommender after = Models.create("lightgcn", config.forModel("lightgcn", 5), store.db());
            after.fit(data);
            assertThat(EvaluateJob.ctr(after, data, test)).isEqualTo(first);
            // the vectors match up to PyTorch's run-to-run float noise in multi-threaded CPU kernels
            float[][] u0 = ((VectorModel) alone).userVectors();
            float[][] u1 = ((VectorModel) after).userVectors();
            for (int u = 0; u < u0.length; u++) {
                assertThat(u1[u]).containsExactly(u0[u], org.assertj.core.api.Assertions.within(1e-4f));
            }
            assertThat(after.lossCurve()).hasSameSizeAs(alone.lossCurve());
        }
    }
}
