package org.mmkgrec.embedding.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** ./mmkg train's job end to end on a small graph: trained, written back, active, reported. */
class TrainJobTest {
    @TempDir
    Path dir;

    @Test
    void trainsWritesBackActivatesAndReports() throws Exception {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            store.db().executeTransactionally("""
                    UNWIND range(1, 6) AS u CREATE (:User {id: 'u' + u})
                    WITH count(*) AS done UNWIND range(1, 6) AS i CREATE (:Item {id: 'i' + i})""");
            store.db().executeTransactionally("""
                    UNWIND [[1,1],[1,2],[2,2],[2,3],[3,1],[3,3],[4,4],[4,5],[5,5],[5,6],[6,4],[6,6]] AS p
                    MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'train'}]->(i)""");
            ModelVersions.Version v = new TrainJob(store.db(), "bprmf", 42, "none", dir.resolve("models")).run();
            Map<String, Object> row = store.db().executeTransactionally("""
                    MATCH (m:ModelVersion {active: true})
                    RETURN m.id AS id, m.model AS model, m.status AS status,
                           COUNT { (u:User) WHERE u[m.property] IS NOT NULL } AS users,
                           COUNT { (i:Item) WHERE i[m.property] IS NOT NULL } AS items""", Map.of(), r -> r.next());
            assertThat(row).containsEntry("id", v.id()).containsEntry("model", "bprmf").containsEntry("status", "complete")
                    .containsEntry("users", 6L).containsEntry("items", 6L);
            Path page = dir.resolve("models").resolve(v.id() + ".html");
            assertThat(Files.readString(page)).contains("Training loss per epoch").contains("<polyline");
            assertThatThrownBy(() -> new TrainJob(store.db(), "pop", 42, "none", dir).run())
                    .hasMessageContaining("has no user and item vectors");
        }
    }

    @Test
    void bm3AndAttentionFusedMfSideWriteBackTheirVectorsAndTheUsersModalityWeights() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("fusion"), "32m"))) {
            TinyMmkg.create(store.db());
            ModelParams params = ModelParams.parse(java.util.List.of("bm3.epochs=5", "mf-side.epochs=5", "mf-side.fusion=attention"));
            for (String model : java.util.List.of("bm3", "mf-side")) {
                ModelVersions.Version v = new TrainJob(store.db(), model, 42, "none", dir.resolve("models"), null, params).run();
                Map<String, Object> row = store.db().executeTransactionally("""
                        MATCH (m:ModelVersion {active: true}), (u:User {id: 'u1'})
                        RETURN m.id AS id, m.modalities AS modalities, u[m.property + '_modalities'] AS weights""",
                        Map.of(), r -> r.next());
                assertThat(row).containsEntry("id", v.id());
                if (model.equals("bm3")) {
                    assertThat(row.get("modalities")).isNull();
                    continue;
                }
                assertThat((String[]) row.get("modalities")).containsExactly("id", "text", "kg");
                float[] w = (float[]) row.get("weights");
                assertThat(w[0] + w[1] + w[2]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    @Test
    void mkgatAndCrmManWriteBackTheirVectorsWithTheLossInTheConfig() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("mm"), "32m"))) {
            TinyMmkg.create(store.db());
            for (String model : java.util.List.of("mkgat", "crm-man")) {
                ModelVersions.Version v = new TrainJob(store.db(), model, 42, "none", dir.resolve("models"), Losses.Kind.BCE).run();
                Map<String, Object> row = store.db().executeTransactionally("""
                        MATCH (m:ModelVersion {active: true})
                        MATCH (u:User {id: 'u1'}), (genre:Entity {entityId: 'gA'})
                        RETURN m.id AS id, m.model AS model, m.config AS config, size(u[m.property]) AS dimension,
                               size(genre[m.property]) AS genreDimension, m.entities AS entities,
                               COUNT { (i:Item) WHERE i[m.property] IS NOT NULL } AS items""", Map.of(), r -> r.next());
                assertThat(row).containsEntry("id", v.id()).containsEntry("model", model).containsEntry("items", 6L);
                assertThat((String) row.get("config")).contains("bce");
                // mkgat: 3 layers x 64; crm-man: [prefer ; dislike] x (32 text + 32 structure); +1 for the MIPS augmentation
                assertThat(row.get("dimension")).isEqualTo(model.equals("mkgat") ? 193L : 129L);
                // MKGAT learns the KG's entities too (the 6 items and 2 genres; genres stored, items keep their item vector)
                assertThat(row.get("entities")).isEqualTo(model.equals("mkgat") ? 8L : 0L);
                assertThat(row.get("genreDimension")).isEqualTo(model.equals("mkgat") ? 192L : null);
            }
        }
    }

    @Test
    void trainFinishesAnInterruptedPruneFirstAndPrunesToKeepAfterActivating() {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("keep"), "32m"))) {
            var db = store.db();
            db.executeTransactionally("""
                    UNWIND range(1, 4) AS u CREATE (:User {id: 'u' + u})
                    WITH count(*) AS done UNWIND range(1, 4) AS i CREATE (:Item {id: 'i' + i})""");
            db.executeTransactionally("""
                    UNWIND [[1,1],[1,2],[2,2],[2,3],[3,3],[3,4],[4,4],[4,1]] AS p
                    MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'train'}]->(i)""");
            ModelVersions.Version first = new TrainJob(db, "bprmf", 1, "none", dir.resolve("models")).run();
            ModelVersions.Version second = new TrainJob(db, "bprmf", 2, "none", dir.resolve("models")).run();
            // a prune of the first version was killed after marking it
            db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) SET v.status = 'pruning'", Map.of("id", first.id()));

            ModelVersions.Version third = new TrainJob(db, "bprmf", 3, "none", dir.resolve("models")).keepVersions(1).run();

            // the first is finished before training, the second pruned after the third became active
            Map<String, Object> row = db.executeTransactionally("""
                    MATCH (v:ModelVersion) WITH collect(v.id) AS ids
                    MATCH (active:ModelVersion {active: true})
                    RETURN ids, active.id AS active,
                           COUNT { (n) WHERE n[$p1] IS NOT NULL OR n[$p2] IS NOT NULL } AS stale,
                           COUNT { (n) WHERE n[$p3] IS NOT NULL } AS current""",
                    Map.of("p1", first.property(), "p2", second.property(), "p3", third.property()), r -> r.next());
            assertThat(row).containsEntry("ids", java.util.List.of(third.id())).containsEntry("active", third.id())
                    .containsEntry("stale", 0L).containsEntry("current", 8L);
            assertThatThrownBy(() -> new TrainJob(db, "bprmf", 4, "none", dir).keepVersions(-1))
                    .hasMessageContaining("`keep` must be >= 0");
        }
    }
}
