package org.mmkgrec.embedding.gcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** MMGCN on two taste groups whose items also differ by their (4-d) text vectors. */
class MmgcnTest {
    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;

    @BeforeAll
    static void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        store.db().executeTransactionally("""
                UNWIND range(1, 6) AS u CREATE (:User {id: 'u' + u})
                WITH count(*) AS done
                UNWIND range(1, 6) AS i
                CREATE (item:Item {id: 'i' + i})-[:HAS_TEXT]->(:Content {id: 'i' + i + '/text', modality: 'text',
                        embedding: CASE WHEN i <= 3 THEN [1.0, 0.9, 0.0, 0.1] ELSE [0.0, 0.1, 1.0, 0.9] END})""");
        store.db().executeTransactionally("""
                UNWIND [[1,1],[1,2],[2,2],[2,3],[3,1],[3,3],[4,4],[4,5],[5,5],[5,6],[6,4],[6,6]] AS p
                MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                CREATE (u)-[:INTERACTED {label: 1, split: 'train'}]->(i)""");
        data = InteractionData.fromGraph(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void usesTheTextModalityLossFallsAndTheOwnGroupWins() {
        Mmgcn model = new Mmgcn(store.db(), new Mmgcn.Config(8, 2, 60, 4, 0.05f, 1e-4f, 7));
        model.fit(data);
        assertThat(model.modalities()).containsExactly("id", "text");
        List<Double> losses = model.lossCurve();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        // u1 (index 0) liked i1, i2: i3 (own group, same text) must outscore i4..i6
        float[] s = model.scores(0);
        for (int other = 3; other < 6; other++) {
            assertThat(s[2]).isGreaterThan(s[other]);
        }
        // written-back vectors: 2 modalities x 8 dims, their dot product is the score
        assertThat(model.userVectors()[0]).hasSize(16);
    }
}
