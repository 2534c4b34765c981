package org.mmkgrec.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.Rows;
import org.mmkgrec.cypher.rec.ServingEngine;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.Transaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot pieces of one recommendation request on a loaded store ({@code -Dmmkg.bench.data}, default
 * {@code data/lastfm}), single-threaded, one random user per call (seeded): the serving engine's
 * candidate generation and hybrid scoring, its vector top-k over the active version, its path search,
 * whole answers (k=20 with explanations), and the store recommender it replaced for comparison.
 * Run with bench/run.sh.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@State(Scope.Benchmark)
public class ServingBench {
    private static final RecConfig HYBRID = RecConfig.parse(Map.of("model", "hybrid"), 2);
    private static final RecConfig HYBRID_NO_PATHS = RecConfig.parse(Map.of("model", "hybrid", "explain", false), 2);
    private static final RecConfig ACTIVE = RecConfig.defaults();
    private static final RecConfig ACTIVE_NO_PATHS = RecConfig.parse(Map.of("explain", false), 2);
    private static final RecConfig PATHS = RecConfig.parse(Map.of(), 2);

    private GraphStore store;
    private ServingEngine engine;
    private String[] users;
    /** (user, item) pairs of recommended items, for the path search alone. */
    private String[][] pairs;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        Path home = Path.of(System.getProperty("mmkg.bench.data", "data/lastfm")).resolve("graph");
        store = GraphStore.start(new GraphStoreConfig(home, "512m", false, null, false, null, false, null));
        engine = ServingEngine.of(store.db());
        System.out.println("\nserving graph: " + engine.warm());
        List<String> ids = new ArrayList<>();
        try (Transaction tx = store.db().beginTx()) {
            tx.execute("MATCH (u:User) RETURN u.id AS id").forEachRemaining(r -> ids.add((String) r.get("id")));
        }
        Collections.shuffle(ids, new Random(42));
        users = ids.toArray(String[]::new);
        List<String[]> p = new ArrayList<>();
        for (int u = 0; u < Math.min(200, users.length); u++) {
            for (ServingEngine.Item it : engine.recommend(users[u], 20, HYBRID_NO_PATHS).orElseThrow().items()) {
                p.add(new String[] {users[u], it.itemId()});
            }
        }
        Collections.shuffle(p, new Random(42));
        pairs = p.toArray(String[][]::new);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    private String user() {
        next = (next + 1) % users.length;
        return users[next];
    }

    /** Candidates (co-likers, KG neighbours, content, popularity) and the hybrid score: top 20, no paths. */
    @Benchmark
    public Object hybridCandidatesAndScores() {
        return engine.recommend(user(), 20, HYBRID_NO_PATHS);
    }

    /** The active version's exact top 20 over every item (one column scan), no paths. */
    @Benchmark
    public Object vectorTopK() {
        return engine.recommend(user(), 20, ACTIVE_NO_PATHS);
    }

    /** The path search for one (user, recommended item) pair: up to 3 paths of up to 2 hops. */
    @Benchmark
    public Object pathSearch() {
        next = (next + 1) % pairs.length;
        return engine.explain(pairs[next][0], pairs[next][1], PATHS);
    }

    /** A whole answer of the default model (the active version, else hybrid): k=20 with explanations. */
    @Benchmark
    public Object answerActiveK20() {
        return engine.recommendRows(user(), 20, ACTIVE);
    }

    /** A whole hybrid answer: k=20 with explanations. */
    @Benchmark
    public Object answerHybridK20() {
        return engine.recommendRows(user(), 20, HYBRID);
    }

    /** The store recommender the engine replaced on the hot path, hybrid, k=20 with explanations. */
    @Benchmark
    public Object storeAnswerHybridK20() {
        try (Transaction tx = store.db().beginTx()) {
            return Rows.recommend(tx, user(), 20, HYBRID);
        }
    }

    /** The store recommender, the active version (HNSW index), k=20 with explanations. */
    @Benchmark
    public Object storeAnswerActiveK20() {
        try (Transaction tx = store.db().beginTx()) {
            return Rows.recommend(tx, user(), 20, ACTIVE);
        }
    }
}
