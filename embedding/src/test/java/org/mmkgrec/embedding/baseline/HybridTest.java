package org.mmkgrec.embedding.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Validation;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

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
}
