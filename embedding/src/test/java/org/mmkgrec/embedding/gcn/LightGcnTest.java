package org.mmkgrec.embedding.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** LightGCN's normalisation by hand, and its training on a graph of two taste groups. */
class LightGcnTest {

    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;

    @BeforeAll
    static void graph() {
        // two groups: u1..u3 like i1..i3, u4..u6 like i4..i6; each user misses one item of their group
        StringBuilder cypher = new StringBuilder("CREATE ");
        for (int u = 1; u <= 6; u++) {
            cypher.append("(u").append(u).append(":User {id: 'u").append(u).append("'}), ");
        }
        for (int i = 1; i <= 6; i++) {
            cypher.append("(i").append(i).append(":Item {id: 'i").append(i).append("'}), ");
        }
        int[][] likes = {{1, 2}, {2, 3}, {1, 3}, {4, 5}, {5, 6}, {4, 6}};
        for (int u = 0; u < 6; u++) {
            for (int i : likes[u]) {
                cypher.append("(u").append(u + 1).append(")-[:INTERACTED {label: 1, split: 'train'}]->(i").append(i).append("), ");
            }
        }
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        store.db().executeTransactionally(cypher.substring(0, cypher.length() - 2));
        data = InteractionData.fromGraph(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void normalisationIsOneOverTheRootOfBothDegrees() {
        // u0 likes i0 and i1, u1 likes i0: deg u0 = 2, u1 = 1, i0 = 2, i1 = 1
        NormalizedAdjacency a = NormalizedAdjacency.of(2, 2, new int[][] {{0, 1}, {0}});
        assertThat(a.size()).isEqualTo(4);
        assertThat(a.nonZeros()).isEqualTo(6);
        assertThat(a.rows()).containsExactly(0, 2, 0, 3, 1, 2);
        assertThat(a.columns()).containsExactly(2, 0, 3, 0, 2, 1);
        float half = 0.5f;
        float invSqrt2 = (float) (1 / Math.sqrt(2));
        assertThat(a.values()).containsExactly(new float[] {half, half, invSqrt2, invSqrt2, invSqrt2, invSqrt2}, within(1e-7f));
    }

    @Test
    void lossFallsAndTheMissingItemOfTheOwnGroupWins() {
        LightGcn model = new LightGcn(new LightGcn.Config(16, 2, 60, 4, 0.05f, 1e-4f, 7));
        model.fit(data);
        List<Double> losses = model.lossCurve();
        assertThat(losses).hasSize(60);
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        // u1 (index 0) liked i1, i2: i3 (own group) must outscore i4..i6
        float[] s = model.scores(0);
        for (int other = 3; other < 6; other++) {
            assertThat(s[2]).isGreaterThan(s[other]);
        }
    }

    @Test
    void theSameSeedGivesTheSameVectors() {
        LightGcn a = new LightGcn(new LightGcn.Config(8, 2, 5, 4, 0.05f, 1e-4f, 11));
        LightGcn b = new LightGcn(new LightGcn.Config(8, 2, 5, 4, 0.05f, 1e-4f, 11));
        a.fit(data);
        b.fit(data);
        for (int i = 0; i < 6; i++) {
            assertThat(a.itemVectors()[i]).containsExactly(b.itemVectors()[i], within(1e-6f));
        }
        assertThat(a.lossCurve()).isEqualTo(b.lossCurve());
    }
}
