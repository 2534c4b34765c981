package org.mmkgrec.embedding.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/** Write-back of vectors as model versions: round trip, index recall, atomic switch under failure. */
class ModelVersionsTest {
    static final int USERS = 30;
    static final int ITEMS = 400;
    static final int D = 16;

    @TempDir
    static Path dir;
    static GraphStore store;
    static GraphDatabaseService db;
    static List<String> users = new ArrayList<>();
    static List<String> items = new ArrayList<>();

    @BeforeAll
    static void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "64m"));
        db = store.db();
        for (int u = 0; u < USERS; u++) {
            users.add("u" + u);
        }
        for (int i = 0; i < ITEMS; i++) {
            items.add("i" + i);
        }
        db.executeTransactionally("UNWIND $u AS id CREATE (:User {id: id})", Map.of("u", users));
        db.executeTransactionally("UNWIND $i AS id CREATE (:Item {id: id})", Map.of("i", items));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static ModelVersions.Trained trained(long seed) {
        Random r = new Random(seed);
        float[][] uv = new float[USERS][D];
        float[][] iv = new float[ITEMS][D];
        for (float[] v : uv) {
            for (int k = 0; k < D; k++) {
                v[k] = (float) r.nextGaussian();
            }
        }
        for (float[] v : iv) {
            double scale = 0.5 + r.nextDouble(); // items of different norms: inner product != cosine
            for (int k = 0; k < D; k++) {
                v[k] = (float) (r.nextGaussian() * scale);
            }
        }
        return new ModelVersions.Trained("test-model", Map.of("seed", seed), seed, "kgcn", 1.5,
                Map.of("evalAuc", 0.9), users, uv, items, iv, Map.of());
    }

    @Test
    void roundTripRecallAndAtomicSwitch() {
        ModelVersions.Trained first = trained(1);
        ModelVersions.Version v1 = ModelVersions.write(db, first, 100, null);
        assertThat(v1.active()).isTrue();
        try (Transaction tx = db.beginTx()) {
            float[] stored = (float[]) tx.findNode(org.neo4j.graphdb.Label.label("User"), "id", "u3").getProperty(v1.property());
            assertThat(Arrays.copyOf(stored, D)).containsExactly(first.userVectors()[3], within(0f));
            assertThat(stored[D]).isZero();
            float[] item = (float[]) tx.findNode(org.neo4j.graphdb.Label.label("Item"), "id", "i7").getProperty(v1.property());
            assertThat(Arrays.copyOf(item, D)).containsExactly(first.itemVectors()[7], within(0f));
            assertThat(ModelVersions.active(tx)).get().extracting(ModelVersions.Version::id).isEqualTo(v1.id());
        }

        // the index's top 20 (searched with ModelVersions.candidates(20) = 100 candidates) against exact
        // maximum-inner-product search, over every user
        double recall = 0;
        for (int u = 0; u < USERS; u++) {
            float[] q = Arrays.copyOf(first.userVectors()[u], D + 1);
            Set<String> exact = exactTop(first, u, 20);
            List<String> found = db.executeTransactionally(
                    "CALL db.index.vector.queryNodes($index, $n, $q) YIELD node, score "
                            + "RETURN node.id AS id ORDER BY score DESC LIMIT 20",
                    Map.of("index", v1.index(), "n", ModelVersions.candidates(20), "q", q), r -> {
                        List<String> ids = new ArrayList<>();
                        r.forEachRemaining(row -> ids.add((String) row.get("id")));
                        return ids;
                    });
            recall += found.stream().filter(exact::contains).count() / 20.0;
        }
        recall /= USERS;
        System.out.printf("vector index recall@20 against exact top-20: %.4f%n", recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);

        // a crash after the first batch of a second version: the first stays active
        assertThatThrownBy(() -> ModelVersions.write(db, trained(2), 100, batches -> {
            if (batches == 1) {
                throw new IllegalStateException("injected crash");
            }
        })).hasMessageContaining("injected crash");
        assertThat(rows("MATCH (v:ModelVersion {active: true}) RETURN v.id AS id")).containsExactly(Map.of("id", v1.id()));
        assertThat(rows("MATCH (v:ModelVersion {status: 'writing'}) RETURN count(v) AS c")).containsExactly(Map.of("c", 1L));
        assertThat(ModelVersions.dropIncomplete(db)).isEqualTo(1);
        assertThat(rows("MATCH (v:ModelVersion) RETURN count(v) AS c")).containsExactly(Map.of("c", 1L));
        assertThat(rows("MATCH (n) WHERE any(k IN keys(n) WHERE k STARTS WITH 'vec_' AND k <> $p) RETURN count(n) AS c",
                Map.of("p", v1.property()))).containsExactly(Map.of("c", 0L));

        // a complete second version takes over in one step
        ModelVersions.Version v2 = ModelVersions.write(db, trained(3), 100, null);
        assertThat(rows("MATCH (v:ModelVersion {active: true}) RETURN v.id AS id")).containsExactly(Map.of("id", v2.id()));
        assertThat(rows("MATCH (v:ModelVersion {id: $id}) RETURN v.active AS a, v.status AS s", Map.of("id", v1.id())))
                .containsExactly(Map.of("a", false, "s", "complete"));
    }

    static Set<String> exactTop(ModelVersions.Trained t, int u, int k) {
        Integer[] order = new Integer[ITEMS];
        double[] s = new double[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            order[i] = i;
            for (int d = 0; d < D; d++) {
                s[i] += t.userVectors()[u][d] * t.itemVectors()[i][d];
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        Set<String> out = new HashSet<>();
        for (int i = 0; i < k; i++) {
            out.add(items.get(order[i]));
        }
        return out;
    }

    static List<Map<String, Object>> rows(String q) {
        return rows(q, Map.of());
    }

    static List<Map<String, Object>> rows(String q, Map<String, Object> p) {
        return db.executeTransactionally(q, p, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        });
    }
}
