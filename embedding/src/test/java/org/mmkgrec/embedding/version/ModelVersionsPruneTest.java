package org.mmkgrec.embedding.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;

/** Pruning old model versions: what is kept, what is removed, and recovery from interrupted runs. */
class ModelVersionsPruneTest {
    static final int USERS = 6;
    static final int ITEMS = 24;
    static final int D = 4;
    /** every user and item holds each version's property */
    static final long HOLDERS = USERS + ITEMS;

    @TempDir
    Path dir;
    GraphStore store;
    GraphDatabaseService db;
    final List<String> users = new ArrayList<>();
    final List<String> items = new ArrayList<>();

    @BeforeEach
    void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
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

    @AfterEach
    void stop() {
        store.close();
    }

    ModelVersions.Trained trained(String model, long seed) {
        Random r = new Random(seed);
        float[][] uv = new float[USERS][D];
        float[][] iv = new float[ITEMS][D];
        for (float[][] m : List.of(uv, iv)) {
            for (float[] v : m) {
                for (int k = 0; k < D; k++) {
                    v[k] = (float) r.nextGaussian();
                }
            }
        }
        return new ModelVersions.Trained(model, Map.of("seed", seed), seed, "none", 0.1, Map.of(), users, uv, items, iv,
                Map.of());
    }

    ModelVersions.Version write(String model) {
        return ModelVersions.write(db, trained(model, model.hashCode()), 10, null);
    }

    @Test
    void keepsTheNewestAndTheActiveOneAndRemovesTheRest() {
        ModelVersions.Version v1 = write("m-a");
        ModelVersions.Version v2 = write("m-b");
        ModelVersions.Version v3 = write("m-c");
        ModelVersions.Version v4 = write("m-d");
        // an operator rolled back to the oldest version: it is active but not among the newest two
        db.executeTransactionally("MATCH (v:ModelVersion) SET v.active = (v.id = $id)", Map.of("id", v1.id()));

        ModelVersions.PruneResult result = ModelVersions.prune(db, 2);

        // kept: v4 and v3 (the two newest) and v1 (active); removed: v2 only
        assertThat(result.removed()).containsExactly(v2.id());
        assertThat(result.kept()).containsExactlyInAnyOrder(v1.id(), v3.id(), v4.id());
        assertThat(holders(v2.property())).isZero();
        assertThat(indexExists(v2.index())).isFalse();
        assertThat(versionNodes(v2.id())).isZero();
        for (ModelVersions.Version kept : List.of(v1, v3, v4)) {
            assertThat(holders(kept.property())).as(kept.id()).isEqualTo(HOLDERS);
            assertThat(indexExists(kept.index())).as(kept.id()).isTrue();
        }
        assertThat(activeIds()).containsExactly(v1.id());
    }

    @Test
    void modalityWeightsAreWrittenPerUserAndPrunedWithTheirVersion() {
        ModelVersions.Trained plain = trained("m-w", 5);
        float[][] w = new float[USERS][];
        for (int u = 0; u < USERS; u++) {
            w[u] = new float[] {0.5f, 0.25f, 0.25f};
        }
        ModelVersions.Version v = ModelVersions.write(db, new ModelVersions.Trained(plain.model(), plain.config(), plain.seed(),
                plain.split(), plain.trainSeconds(), plain.metrics(), plain.users(), plain.userVectors(), plain.items(),
                plain.itemVectors(), plain.entityVectors(),
                new org.mmkgrec.embedding.train.Snapshot.ModalityWeights(List.of("id", "text", "kg"), w)), 4, null);
        String property = ModelVersions.weightsProperty(v.property());
        assertThat(holders(property)).isEqualTo(USERS);
        String[] names = db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) RETURN v.modalities AS m",
                Map.of("id", v.id()), r -> (String[]) r.next().get("m"));
        assertThat(names).containsExactly("id", "text", "kg");
        write("m-x"); // v is no longer active
        ModelVersions.prune(db, 1);
        assertThat(holders(property)).isZero();
        assertThat(holders(v.property())).isZero();
    }

    @Test
    void theActiveVersionIsNeverPruned() {
        ModelVersions.Version v1 = write("m-a");
        ModelVersions.Version v2 = write("m-b");

        ModelVersions.PruneResult result = ModelVersions.prune(db, 0);

        // keep 0 still keeps the active version (the newest, v2)
        assertThat(result.removed()).containsExactly(v1.id());
        assertThat(result.kept()).containsExactly(v2.id());
        assertThat(activeIds()).containsExactly(v2.id());
        assertThat(holders(v2.property())).isEqualTo(HOLDERS);
        assertThat(indexExists(v2.index())).isTrue();

        // even marked `pruning` by hand (or by a bug), an active version is refused, not removed
        db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) SET v.status = 'pruning'", Map.of("id", v2.id()));
        assertThatThrownBy(() -> ModelVersions.prune(db, 0)).hasMessageContaining("is active");
        assertThat(holders(v2.property())).isEqualTo(HOLDERS);
        assertThat(indexExists(v2.index())).isTrue();
    }

    @Test
    void anInterruptedPruneIsCompletedByTheNextOne() {
        ModelVersions.Version v1 = write("m-a");
        ModelVersions.Version v2 = write("m-b");
        ModelVersions.Version v3 = write("m-c");

        // killed after the first batch of 10 nodes of v1 (the oldest, removed first)
        assertThatThrownBy(() -> ModelVersions.prune(db, 0, 10, batches -> {
            throw new IllegalStateException("injected crash");
        })).hasMessageContaining("injected crash");
        assertThat(status(v1.id())).isEqualTo("pruning");
        assertThat(status(v2.id())).isEqualTo("pruning"); // marked in the same transaction, not yet touched
        assertThat(holders(v1.property())).isEqualTo(HOLDERS - 10);
        assertThat(indexExists(v1.index())).isFalse();
        assertThat(holders(v2.property())).isEqualTo(HOLDERS);

        // and a version killed before its index was dropped, half its properties gone
        ModelVersions.Version v4 = write("m-d");
        db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) SET v.status = 'pruning'", Map.of("id", v3.id()));
        db.executeTransactionally("MATCH (n:Item) WHERE n[$p] IS NOT NULL WITH n LIMIT 12 REMOVE n.vec_" + v3.id(),
                Map.of("p", v3.property()));
        assertThat(holders(v3.property())).isEqualTo(HOLDERS - 12);

        // a prune that keeps everything still finishes the marked versions first
        ModelVersions.PruneResult result = ModelVersions.prune(db, 10);

        assertThat(result.finished()).containsExactlyInAnyOrder(v1.id(), v2.id(), v3.id());
        assertThat(result.removed()).isEmpty();
        assertThat(result.kept()).containsExactly(v4.id());
        for (ModelVersions.Version gone : List.of(v1, v2, v3)) {
            assertThat(holders(gone.property())).as(gone.id()).isZero();
            assertThat(indexExists(gone.index())).as(gone.id()).isFalse();
            assertThat(versionNodes(gone.id())).as(gone.id()).isZero();
        }
        assertThat(holders(v4.property())).isEqualTo(HOLDERS);
        assertThat(activeIds()).containsExactly(v4.id());
    }

    @Test
    void aHalfWrittenVersionIsNeverActiveAndIsCleanedByPrune() {
        ModelVersions.Version v1 = write("m-a");
        // killed after the first batch of 10 users' and items' vectors
        assertThatThrownBy(() -> ModelVersions.write(db, trained("m-b", 7), 10, batches -> {
            if (batches == 1) {
                throw new IllegalStateException("injected crash");
            }
        })).hasMessageContaining("injected crash");
        String half = db.executeTransactionally("MATCH (v:ModelVersion {status: 'writing'}) RETURN v.id AS id", Map.of(),
                r -> (String) r.next().get("id"));
        assertThat(activeIds()).containsExactly(v1.id());
        assertThat(holders("vec_" + half)).isEqualTo(6); // the first batch: the 6 users
        assertThat(indexExists("mmkg_vec_" + half)).isFalse();

        ModelVersions.PruneResult result = ModelVersions.prune(db, 5);

        assertThat(result.finished()).containsExactly(half);
        assertThat(result.kept()).containsExactly(v1.id());
        assertThat(holders("vec_" + half)).isZero();
        assertThat(versionNodes(half)).isZero();
        assertThat(holders(v1.property())).isEqualTo(HOLDERS);
        assertThat(activeIds()).containsExactly(v1.id());
    }

    @Test
    void aVersionIdThatIsNoSafeNameIsRefusedBeforeAnyRemoval() {
        ModelVersions.Version v1 = write("m-a");
        // a tampered node: its id would inject Cypher into the property name
        db.executeTransactionally("""
                CREATE (:ModelVersion {id: 'x REMOVE n.vec_' + $id, property: 'vec_x', index: 'mmkg_vec_x',
                                       status: 'pruning', active: false})""", Map.of("id", v1.id()));
        assertThatThrownBy(() -> ModelVersions.prune(db, 5)).hasMessageContaining("not of the form [a-z0-9_]+");
        assertThat(holders(v1.property())).isEqualTo(HOLDERS);
        assertThatThrownBy(() -> ModelVersions.prune(db, -1)).hasMessageContaining("`keep` must be >= 0");
    }

    long holders(String property) {
        return db.executeTransactionally("MATCH (n) WHERE n[$p] IS NOT NULL RETURN count(n) AS c", Map.of("p", property),
                r -> ((Number) r.next().get("c")).longValue());
    }

    boolean indexExists(String index) {
        return db.executeTransactionally("SHOW INDEXES YIELD name WHERE name = $n RETURN count(*) AS c", Map.of("n", index),
                r -> ((Number) r.next().get("c")).longValue()) > 0;
    }

    long versionNodes(String id) {
        return db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) RETURN count(v) AS c", Map.of("id", id),
                r -> ((Number) r.next().get("c")).longValue());
    }

    String status(String id) {
        return db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) RETURN v.status AS s", Map.of("id", id),
                r -> (String) r.next().get("s"));
    }

    List<String> activeIds() {
        return db.executeTransactionally("MATCH (v:ModelVersion {active: true}) RETURN v.id AS id", Map.of(), r -> {
            List<String> out = new ArrayList<>();
            r.forEachRemaining(row -> out.add((String) row.get("id")));
            return out;
        });
    }
}
