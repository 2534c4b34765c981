package org.mmkgrec.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.store.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * {@code ./mmkg load} killed with SIGKILL at seeded random points, then run again: the resumed
 * store must hold exactly the graph of a clean load of the same files (every node and
 * relationship with its properties, so the counts too) and the same held-out files.
 *
 * <p>The input is both kinds the issue names in one load: RecBole's tab-separated files with a
 * tabular KG, and an extra RDF (Turtle) KG full of labelled and unlabelled blank nodes. The test
 * loads it once cleanly in this JVM (counting the load's commits), then runs the load
 * {@value #KILLS} times in a child JVM on one store, killing each child after a seeded random
 * number of commits drawn from what is left of the load (0: while it reads the files), so each
 * child resumes what the one before left; finally it resumes in this JVM, as the next
 * {@code ./mmkg load} would. Batches of {@value #BATCH} records make the load ~190 commits, so the
 * kills land inside the steps. The same seed gives the same kill points (up to how far the child
 * got between its report and the signal).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a bound for a hung child, far above the usual minute
class LoadKillTest {
    static final int BATCH = 5;
    static final int KILLS = 3;
    /** How long a child may take to open the store (seconds on an idle machine; minutes on a loaded one). */
    static final Duration START = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    /** The load both the clean run and the children run: RecBole files, time811 split, no text encoding. */
    static LoadConfig config(Path source, Path data, Path kgFile) {
        return new LoadConfig(source, LoadConfig.Format.RECBOLE, data, "toy", "time811", ErrorPolicy.STOP, 0, 4.0,
                false, kgFile, null, List.of(), false, BATCH, true);
    }

    static String datasetStatus(GraphDatabaseService db) {
        return db.executeTransactionally("OPTIONAL MATCH (d:Dataset) RETURN coalesce(d.status, 'none') AS s", Map.of(),
                r -> (String) r.next().get("s"));
    }

    @Test
    void aLoadOfCsvFilesAndAnRdfKgWithBlankNodesResumedAfterKillsEqualsACleanLoad() {
        Path source = KillFixtures.recBole(dir.resolve("toy"), 11);
        Path ttl = KillFixtures.turtle(dir.resolve("kg.ttl"), 12);
        StoreSnapshot clean = killResumeAndCompare(source, ttl, 13);
        // tabular KG: 24 even films, their 4 genres, 20 people, 3 countries; RDF KG: 24 odd films, their
        // 4 genres, 2 roles, 3 countries and 64 blank nodes (24 credits and 20 birthplaces unlabelled, 20 people)
        assertThat(clean.labels()).containsEntry("Item", 48L).containsEntry("Entity", 51L + 97L);
        assertThat(clean.nodes().stream().filter(n -> n.contains("entityId=_:"))).hasSize(24 + 20 + 20);
    }

    /** Returns the clean load's snapshot, after checking that the killed and resumed load ends equal to it. */
    private StoreSnapshot killResumeAndCompare(Path source, Path kg, long seed) {
        Path cleanData = dir.resolve("clean");
        StoreSnapshot clean;
        long commits;
        try (GraphStore store = ChildMain.open(cleanData.resolve("graph"))) {
            AtomicLong counted = new AtomicLong();
            ChildMain.countCommits(store, counted::set);
            new LoadJob(config(source, cleanData, kg)).run(store.db());
            clean = StoreSnapshot.of(store.db());
            commits = counted.get();
        }
        assertThat(commits).as("commits of the clean load").isGreaterThan(100);

        Random random = new Random(seed);
        Path data = dir.resolve("killed");
        List<String> story = new ArrayList<>();
        long done = 0;
        int caughtLoading = 0;
        for (int round = 0; round < KILLS; round++) {
            long left = Math.max(1, commits - done);
            long target = random.nextLong(left);
            long t0 = System.nanoTime();
            try (ChildJvm child = ChildJvm.start(LoadChild.class, data.resolve("child-" + round + ".log"),
                    source.toString(), data.toString(), kg == null ? "-" : kg.toString())) {
                String ready = child.await(line -> line.startsWith("ready "), START);
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                caughtLoading += round > 0 && ready.equals("ready loading") ? 1 : 0;
                String last = target == 0 ? ready
                        : child.await(line -> line.equals("commit " + target) || line.equals("done"), START);
                boolean killed = child.kill();
                done += target == 0 || "done".equals(last) ? 0 : target;
                story.add(String.format("round %d: store was %s, killed after commit %d of ~%d left: %s"
                        + " (child ready in %.1f s, killed at %.1f s)", round, ready.substring(6), target, left,
                        killed ? "killed" : "had finished", startSeconds, (System.nanoTime() - t0) / 1e9));
            }
        }

        try (GraphStore store = ChildMain.open(data.resolve("graph"))) {
            String left = datasetStatus(store.db());
            caughtLoading += left.equals("loading") ? 1 : 0;
            story.add("after the last kill the store was " + left + "; resumed in the test JVM");
            new LoadJob(config(source, data, kg)).run(store.db());
            StoreSnapshot resumed = StoreSnapshot.of(store.db());
            assertThat(resumed.labels()).as("nodes by label after %s", story).isEqualTo(clean.labels());
            assertThat(resumed.types()).as("relationships by type after %s", story).isEqualTo(clean.types());
            assertThat(resumed.nodes()).as("nodes after %s", story).isEqualTo(clean.nodes());
            assertThat(resumed.relationships()).as("relationships after %s", story).isEqualTo(clean.relationships());
        }
        for (String file : List.of(HeldOutFile.RELATIVE_PATH, "split/train.tsv", "split/eval.tsv", "split/test.tsv")) {
            assertThat(bytes(data.resolve(file))).as("%s after %s", file, story).isEqualTo(bytes(cleanData.resolve(file)));
        }
        // a kill that always came after the load was complete would test nothing
        assertThat(caughtLoading).as("kills that left the data set `loading`: %s", story).isPositive();
        System.out.println(String.join("\n", story));
        return clean;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
