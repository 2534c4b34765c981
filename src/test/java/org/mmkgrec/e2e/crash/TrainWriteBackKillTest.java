package org.mmkgrec.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.version.ModelVersions;
import org.mmkgrec.store.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.Schema;

/**
 * {@code ./mmkg train}'s write-back killed with SIGKILL at seeded random points: after each kill
 * the restarted store has exactly one active version, it is complete (every user and item holds its
 * vector, its index is online), and it is either the version active before or, when the kill came
 * after the activating commit, the new one; what the next {@code train} removes first
 * ({@link ModelVersions#finishInterrupted}) is exactly the half-written version, property, index
 * and node.
 *
 * <p>The child runs {@link ModelVersions#write}, the write-back step of {@code TrainJob}, on seeded
 * vectors rather than a whole training: fitting a model would only delay the part the kills aim at
 * (and start PyTorch in every child). Batches of {@value #BATCH} rows make one write-back
 * ~{@code 1 + USERS/BATCH + ITEMS/BATCH + 1} commits plus the index build; each of the
 * {@value #KILLS} children is killed after a seeded random number of them (0: before the version
 * node; the last: after activation).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a bound for a hung child, far above the usual minute
class TrainWriteBackKillTest {
    static final int USERS = 200;
    static final int ITEMS = 300;
    static final int DIMENSION = 8;
    static final int BATCH = 10;
    static final int KILLS = 3;
    /** How long a child may take to open the store (seconds on an idle machine; minutes on a loaded one). */
    static final Duration START = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    /** Seeded vectors for every user and item, as a fitted model hands them to the write-back. */
    static ModelVersions.Trained trained(long seed) {
        Random random = new Random(seed);
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        float[][] userVectors = new float[USERS][];
        float[][] itemVectors = new float[ITEMS][];
        for (int u = 0; u < USERS; u++) {
            users.add("u" + u);
            userVectors[u] = vector(random);
        }
        for (int i = 0; i < ITEMS; i++) {
            items.add("i" + i);
            itemVectors[i] = vector(random);
        }
        return new ModelVersions.Trained("bprmf", Map.of("seed", seed), seed, "none", 1.0, Map.of(), users, userVectors,
                items, itemVectors, Map.of());
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void aKillDuringWriteBackLeavesExactlyOneActiveCompleteVersion() {
        Path home = dir.resolve("graph");
        long commits;
        Set<String> before;
        String activeBefore;
        try (GraphStore store = ChildMain.open(home)) {
            store.db().executeTransactionally("UNWIND range(0, $n - 1) AS u CREATE (:User {id: 'u' + u})",
                    Map.of("n", (long) USERS));
            store.db().executeTransactionally("UNWIND range(0, $n - 1) AS i CREATE (:Item {id: 'i' + i})",
                    Map.of("n", (long) ITEMS));
            // the version every kill must leave in service unless the new one got activated
            AtomicLong counted = new AtomicLong();
            ChildMain.countCommits(store, counted::set);
            activeBefore = ModelVersions.write(store.db(), trained(0), BATCH, null).id();
            commits = counted.get();
            before = ids(store.db());
        }
        // version node + user batches + item batches + activation
        assertThat(commits).isEqualTo(1 + USERS / BATCH + ITEMS / BATCH + 1);

        Random random = new Random(20261202);
        List<String> story = new ArrayList<>();
        int leftHalfWritten = 0;
        for (int round = 1; round <= KILLS; round++) {
            long target = random.nextLong(commits + 1);
            String done;
            boolean killed;
            long t0 = System.nanoTime();
            double startSeconds;
            try (ChildJvm child = ChildJvm.start(WriteBackChild.class, dir.resolve("child-" + round + ".log"),
                    home.toString(), Long.toString(round))) {
                child.await("ready"::equals, START);
                startSeconds = (System.nanoTime() - t0) / 1e9;
                done = target == 0 ? null : child.await(l -> l.equals("commit " + target) || l.startsWith("done "), START);
                killed = child.kill();
            }

            try (GraphStore store = ChildMain.open(home)) {
                GraphDatabaseService db = store.db();
                Set<String> created = new HashSet<>(ids(db));
                created.removeAll(before);
                String active = activeId(db);
                String what = String.format("round %d, killed after commit %d of %d (%s; child ready in %.1f s);"
                        + " new version %s, active %s", round, target, commits, killed ? "killed" : "had finished",
                        startSeconds, created, active);
                story.add(what);
                assertActiveComplete(db, what);
                if (done != null && done.startsWith("done ")) {
                    assertThat(active).as(what).isEqualTo(done.substring(5));
                } else {
                    assertThat(active).as(what).isIn(activeBefore, created.isEmpty() ? activeBefore : created.iterator().next());
                }
                // what the next train does first: remove what the killed one left half-written
                List<String> removed = ModelVersions.finishInterrupted(db, BATCH, null);
                List<String> halfWritten = created.stream().filter(id -> !id.equals(active)).toList();
                assertThat(removed).as(what).containsExactlyInAnyOrderElementsOf(halfWritten);
                leftHalfWritten += halfWritten.size();
                for (String id : removed) {
                    assertThat(count(db, "MATCH (n) WHERE n['vec_" + id + "'] IS NOT NULL RETURN count(n) AS c"))
                            .as("nodes still holding the vectors of removed %s", id).isZero();
                    assertThat(indexNames(db)).as(what).doesNotContain("mmkg_vec_" + id);
                }
                assertThat(activeId(db)).as("the active version after the clean-up, " + what).isEqualTo(active);
                assertActiveComplete(db, what);
                before = ids(db);
                activeBefore = active;
            }
        }
        // kills that always came after the activation would test nothing
        assertThat(leftHalfWritten).as("kills that left a half-written version: %s", story).isPositive();
        System.out.println(String.join("\n", story));
    }

    private static void assertActiveComplete(GraphDatabaseService db, String what) {
        List<Map<String, Object>> versions = ModelVersions.list(db);
        List<Map<String, Object>> active = versions.stream().filter(v -> Boolean.TRUE.equals(v.get("active"))).toList();
        assertThat(active).as("active versions, %s: %s", what, versions).hasSize(1);
        assertThat(active.get(0)).as(what).containsEntry("status", "complete");
        Map<String, Object> row = db.executeTransactionally("""
                MATCH (v:ModelVersion {active: true})
                RETURN v.index AS index,
                       COUNT { (u:User) WHERE size(u[v.property]) = v.dimension + 1 } AS users,
                       COUNT { (i:Item) WHERE size(i[v.property]) = v.dimension + 1 } AS items""", Map.of(), r -> r.next());
        assertThat(row).as("vectors of the active version, %s", what).containsEntry("users", (long) USERS)
                .containsEntry("items", (long) ITEMS);
        try (Transaction tx = db.beginTx()) {
            Schema schema = tx.schema();
            schema.awaitIndexOnline((String) row.get("index"), 60, TimeUnit.SECONDS);
            assertThat(schema.getIndexState(schema.getIndexByName((String) row.get("index"))))
                    .as("index of the active version, %s", what).isEqualTo(Schema.IndexState.ONLINE);
        }
    }

    private static Set<String> ids(GraphDatabaseService db) {
        return ModelVersions.list(db).stream().map(v -> (String) v.get("id")).collect(Collectors.toSet());
    }

    private static String activeId(GraphDatabaseService db) {
        return ModelVersions.list(db).stream().filter(v -> Boolean.TRUE.equals(v.get("active")))
                .map(v -> (String) v.get("id")).findFirst().orElse(null);
    }

    private static Set<String> indexNames(GraphDatabaseService db) {
        try (Transaction tx = db.beginTx()) {
            Set<String> names = new HashSet<>();
            tx.schema().getIndexes().forEach(i -> names.add(i.getName()));
            return names;
        }
    }

    private static long count(GraphDatabaseService db, String query) {
        return db.executeTransactionally(query, Map.of(), r -> ((Number) r.next().get("c")).longValue());
    }
}
