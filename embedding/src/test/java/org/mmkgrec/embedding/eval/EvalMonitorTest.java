package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.gcn.LightGcn;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class EvalMonitorTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsEveryTenEpochsAndAtTheLastOnTheEvalSplit() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            // eval rows: u1 likes i3 (its own group), not i6
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
            InteractionData data = InteractionData.fromGraph(store.db());
            EvalMonitor monitor = new EvalMonitor(data);
            assertThat(monitor.due(8, 25)).isFalse();
            assertThat(monitor.due(9, 25)).isTrue();
            assertThat(monitor.due(24, 25)).isTrue();
            // by hand: u1 = (1, 0); i3 = (2, 0) scores 2, i6 = (0, 1) scores 0 -> AUC 1; swapped -> 0
            float[][] users = new float[6][2];
            users[0] = new float[] {1, 0};
            float[][] items = new float[6][2];
            items[2] = new float[] {2, 0};
            items[5] = new float[] {0, 1};
            assertThat(monitor.record(9, users, items)).isEqualTo(1.0);
            items[2] = new float[] {-1, 0};
            assertThat(monitor.record(19, users, items)).isEqualTo(0.0);
            assertThat(monitor.epochs()).containsExactly(10, 20);

            LightGcn model = new LightGcn(new LightGcn.Config(8, 2, 25, 4, 0.05f, 1e-4f, 3));
            model.fit(data);
            assertThat(model.evalMonitor().epochs()).containsExactly(10, 20, 25);
            assertThat(model.evalMonitor().aucs()).allMatch(a -> a >= 0 && a <= 1);
        }
    }

    @Test
    void aStoreWithoutAnEvalSplitIsNotMonitored() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("plain"), "32m"))) {
            TinyMmkg.create(store.db());
            EvalMonitor monitor = new EvalMonitor(InteractionData.fromGraph(store.db()));
            assertThat(monitor.due(9, 20)).isFalse();
        }
    }
}
