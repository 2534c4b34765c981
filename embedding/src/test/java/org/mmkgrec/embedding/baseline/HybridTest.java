package org.mmkgrec.embedding.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.cypher.rec.GraphRecommender;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Validation;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

class HybridTest {
    @TempDir
    Path dir;

    @Test
    void theWeightsAreFittedOnTheEvalSplitAndNeverScoreBelowTheServicesDefaultsThere() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            // the schema's text index is 384-d; the tiny graph's 4-d text vectors would not query it
            store.db().executeTransactionally("MATCH (c:Content) DETACH DELETE c");
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)
                    WITH count(*) AS done
                    MATCH (u:User {id: 'u4'}), (a:Item {id: 'i6'}), (b:Item {id: 'i1'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
            InteractionData data = InteractionData.fromGraph(store.db());
            TrainOptions auc = TrainOptions.defaults(Validation.Metric.AUC);
            Hybrid given = new Hybrid(store.db(), new Hybrid.Config(1, 0.3, 0.2, 0.05, 100, false), auc);
            given.fit(data);
            assertThat(given.weights()).containsExactly(1, 0.3, 0.2, 0.05);
            Hybrid fitted = new Hybrid(store.db(), Hybrid.Config.defaults(), auc);
            fitted.fit(data);
            Validation v = new Validation(data, Validation.Metric.AUC);
            assertThat(v.of(fitted::scores)).isGreaterThanOrEqualTo(v.of(given::scores));
            assertThat(fitted.note()).contains("fitted on the eval split");
            // the group's own unseen item outranks the other group's for u1 under the fitted weights
            float[] s = fitted.scores(0);
            assertThat(s[2]).isGreaterThan(s[5]);
        }
    }

    @Test
    void underGivenWeightsItScoresEveryItemAsTheServicesHybridDoes() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            store.db().executeTransactionally("MATCH (c:Content) DETACH DELETE c");
            store.db().executeTransactionally("MATCH (i:Item) SET i.popularity = toInteger(substring(i.id, 1)) * 3");
            InteractionData data = InteractionData.fromGraph(store.db());
            Hybrid hybrid = new Hybrid(store.db(), new Hybrid.Config(1, 0.3, 0.2, 0.5, 100, false), null);
            hybrid.fit(data);
            RecConfig service = RecConfig.parse(Map.of("trainingOnly", true, "excludeSeen", false, "explain", false,
                    "neighbours", 100L, "weights", Map.of("cf", 1.0, "kg", 0.3, "content", 0.2, "pop", 0.5)), 2);
            int compared = 0;
            try (Transaction tx = store.db().beginTx()) {
                GraphRecommender rec = new GraphRecommender(tx);
                for (int u = 0; u < data.userCount(); u++) {
                    float[] ours = hybrid.scores(u);
                    Node user = rec.user(data.users.get(u)).orElseThrow();
                    List<GraphRecommender.Scored> theirs = rec.scoreAll(user, service);
                    assertThat(theirs).hasSize(data.itemCount());
                    for (GraphRecommender.Scored s : theirs) {
                        int i = data.itemIndex((String) s.item().getProperty("id"));
                        assertThat(ours[i]).as("user %d item %d", u, i).isCloseTo((float) s.score(), within(1e-5f));
                        compared++;
                    }
                }
            }
            assertThat(compared).isEqualTo(data.userCount() * data.itemCount());
        }
    }
}
