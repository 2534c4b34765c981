package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * The serving engine of one database: the {@link ServingGraph} the recommendations and explanations
 * are answered from, kept current by the commits themselves. A transaction event listener collects,
 * before each commit, the nodes the transaction touches (created or deleted nodes, both ends of
 * created or deleted relationships, nodes and relationships whose properties or labels changed);
 * after the commit, still in the committing thread and so before the writer is acknowledged, it
 * re-reads those nodes from the store into the serving graph. A change to a model version (a new
 * version, another active one) re-reads the active version's vectors of every user and item in the
 * same way. A very large transaction (a bulk load) marks the graph stale instead, and the next
 * request rebuilds it from the store. The graph is the source of truth throughout.
 *
 * <p>One engine per database, shared by the embedded service and the {@code mmkg.*} procedures
 * ({@link #of}); it is built on first use (or {@link #warm}) and dropped when the database shuts down.
 */
public final class ServingEngine {
    private static final System.Logger LOG = System.getLogger(ServingEngine.class.getName());
    private static final Label MODEL_VERSION = Label.label("ModelVersion");
    /** Transactions touching more nodes than this rebuild the graph rather than patch it. */
    static final int PATCH_LIMIT = 20_000;

    private static final PerDatabase<ServingEngine> ENGINES = new PerDatabase<>();

    /**
     * Working arrays (~64 bytes per node each), one per request in flight, reused: a pool rather
     * than one per thread, so their number follows the requests running at once, not the size of
     * the caller's thread pool.
     */
    private final ConcurrentLinkedQueue<ServingRecommender.Scratch> scratch = new ConcurrentLinkedQueue<>();

    private final GraphDatabaseService db;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object buildLock = new Object();
    private volatile ServingGraph graph;
    private volatile boolean stale = true;
    private volatile boolean building;
    private volatile String footprint = "not built";

    private ServingEngine(GraphDatabaseService db) {
        this.db = db;
    }

    /** The engine of {@code db}, created (and its commit listener registered) on first use. */
    public static ServingEngine of(GraphDatabaseService db) {
        return ENGINES.of(db, ServingEngine::new, e -> e.new Listener());
    }

    /** Builds the serving graph now (if it is not current) and describes what it holds. */
    public String warm() {
        read(r -> null);
        return footprint;
    }

    /** What the serving graph holds and its estimated heap size, as last built. */
    public String footprint() {
        return footprint;
    }

    /** One recommended item: the item node's store id, its id and name, score, source, paths. */
    public record Item(long nodeId, String itemId, String name, double score, String source, List<PathRef> paths) {}

    /** One explanation path: node and relationship store ids from the user to the item, and its plain-value map. */
    public record PathRef(double weight, long[] nodeIds, long[] relIds, Map<String, Object> map) {}

    /** The answer of {@code mmkg.recommend}: the model that answered and the items, best first. */
    public record Answer(String model, List<Item> items) {}

    /**
     * The top-{@code k} for a user as {@code mmkg.recommend} defines it; empty when only the store
     * path answers this config (a model version other than the active one).
     *
     * @throws NotFound for an unknown user
     */
    public Optional<Answer> recommend(String userId, int k, RecConfig config) {
        return read(r -> {
            ServingGraph g = r.graph();
            ServingRecommender.Answer a = r.recommend(user(g, userId), k, config);
            if (a == null) {
                return Optional.empty();
            }
            List<Item> items = new ArrayList<>(a.hits().size());
            for (ServingRecommender.Hit h : a.hits()) {
                items.add(new Item(g.neoId[h.item()], String.valueOf(g.extId[h.item()]), g.name[h.item()], h.score(),
                        h.source(), paths(r, h.paths())));
            }
            return Optional.of(new Answer(a.model(), items));
        });
    }

    /** The explanation paths of {@code mmkg.explain}, best first. @throws NotFound for an unknown user or item */
    public List<PathRef> explain(String userId, String itemId, RecConfig config) {
        return read(r -> {
            return paths(r, r.explain(user(r.graph(), userId), item(r.graph(), itemId), config));
        });
    }

    /** One similar item: its node's store id, id, name, score, source and the KG entities both items share. */
    public record Similar(long nodeId, String itemId, String name, double score, String source,
            List<Map<String, Object>> shared) {}

    /** The items most similar to an item, as {@code mmkg.similar} defines them. @throws NotFound for an unknown item */
    public List<Similar> similar(String itemId, int k, RecConfig config) {
        return read(r -> {
            ServingGraph g = r.graph();
            int item = item(g, itemId);
            List<Similar> out = new ArrayList<>();
            for (ServingRecommender.Hit h : r.similar(item, k, config)) {
                out.add(new Similar(g.neoId[h.item()], String.valueOf(g.extId[h.item()]), g.name[h.item()], h.score(),
                        h.source(), r.shared(item, h.item())));
            }
            return out;
        });
    }

    /** {itemId, name, score, source, shared} per similar item, as {@link Rows#similar} gives them. */
    public List<Map<String, Object>> similarRows(String itemId, int k, RecConfig config) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Similar it : similar(itemId, k, config)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemId", it.itemId());
            m.put("name", it.name());
            m.put("score", it.score());
            m.put("source", it.source());
            m.put("shared", it.shared());
            rows.add(m);
        }
        return rows;
    }

    /** {itemId, name, score, source, model, explanations} per item, as {@link Rows#recommend} gives them. */
    public Optional<List<Map<String, Object>>> recommendRows(String userId, int k, RecConfig config) {
        return recommend(userId, k, config).map(a -> {
            List<Map<String, Object>> rows = new ArrayList<>(a.items().size());
            for (Item it : a.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("itemId", it.itemId());
                m.put("name", it.name());
                m.put("score", it.score());
                m.put("source", it.source());
                m.put("model", a.model());
                m.put("explanations", it.paths().stream().map(PathRef::map).toList());
                rows.add(m);
            }
            return rows;
        });
    }

    private static int user(ServingGraph g, String userId) {
        Integer u = g.users.get(userId);
        if (u == null) {
            throw NotFound.user(userId);
        }
        return u;
    }

    private static int item(ServingGraph g, String itemId) {
        Integer i = g.items.get(itemId);
        if (i == null) {
            throw NotFound.item(itemId);
        }
        return i;
    }

    private static List<PathRef> paths(ServingRecommender r, List<ServingRecommender.PathHit> hits) {
        ServingGraph g = r.graph();
        List<PathRef> out = new ArrayList<>(hits.size());
        for (ServingRecommender.PathHit p : hits) {
            long[] nodes = new long[p.nodes().length];
            for (int j = 0; j < nodes.length; j++) {
                nodes[j] = g.neoId[p.nodes()[j]];
            }
            out.add(new PathRef(p.weight(), nodes, p.rels().clone(), r.toMap(p)));
        }
        return out;
    }

    private <T> T read(Function<ServingRecommender, T> work) {
        if (stale || graph == null) {
            rebuild(); // callers arriving during the first build wait for it; later ones read the old copy meanwhile
        }
        ServingRecommender.Scratch polled = scratch.poll();
        ServingRecommender.Scratch s = polled != null ? polled : new ServingRecommender.Scratch();
        lock.readLock().lock();
        try {
            return work.apply(new ServingRecommender(graph, s));
        } finally {
            lock.readLock().unlock();
            scratch.offer(s);
        }
    }

    private void rebuild() {
        synchronized (buildLock) {
            if (!stale && graph != null) {
                return;
            }
            building = true;
            stale = false;
            try {
                long t0 = System.nanoTime();
                ServingGraph g;
                try (Transaction tx = db.beginTx()) {
                    g = ServingGraph.build(tx);
                }
                lock.writeLock().lock();
                try {
                    graph = g;
                } finally {
                    lock.writeLock().unlock();
                }
                long max = Runtime.getRuntime().maxMemory();
                footprint = String.format("%s (%.1f%% of the %d MiB max heap); built in %.2f s", g.footprint(),
                        100.0 * g.bytes / max, max >> 20, (System.nanoTime() - t0) / 1e9);
                LOG.log(System.Logger.Level.INFO, "serving graph of database {0}: {1}", db.databaseName(), footprint);
            } catch (RuntimeException e) {
                stale = true;
                throw e;
            } finally {
                building = false;
            }
        }
    }

    /** Re-reads what a committed transaction touched, or marks the graph stale. */
    private void apply(Touched t) {
        if (building) {
            stale = true; // the build in progress may have read the store before this commit
            return;
        }
        if (t == null || (t.ids.isEmpty() && !t.rebuild && !t.versions) || graph == null) {
            return; // nothing held yet: the first build reads the committed store
        }
        if (t.rebuild) {
            stale = true;
            return;
        }
        try (Transaction tx = db.beginTx()) {
            lock.writeLock().lock();
            try {
                if (t.versions) {
                    graph.reloadVectors(tx); // another active version: its vectors, not a whole rebuild
                }
                graph.refresh(tx, t.ids);
            } finally {
                lock.writeLock().unlock();
            }
        } catch (RuntimeException e) {
            stale = true; // the next request rebuilds from the store
            LOG.log(System.Logger.Level.WARNING, "serving graph: patching a commit failed, rebuilding on next use", e);
        }
    }

    /**
     * The nodes one transaction touched; {@code versions} when a model version changed (the active
     * version's vectors are re-read); {@code rebuild} when patching is not enough.
     */
    static final class Touched {
        final Set<Long> ids = new HashSet<>();
        boolean rebuild;
        boolean versions;

        void add(long id) {
            if (!rebuild && ids.add(id) && ids.size() > PATCH_LIMIT) {
                rebuild = true;
                ids.clear();
            }
        }
    }

    private final class Listener implements TransactionEventListener<Touched> {
        @Override
        public Touched beforeCommit(TransactionData data, Transaction tx, GraphDatabaseService database) {
            if (graph == null) {
                return null;
            }
            Touched t = new Touched();
            try {
                for (Node n : data.createdNodes()) {
                    t.versions |= n.hasLabel(MODEL_VERSION);
                    t.add(n.getId());
                }
                for (Node n : data.deletedNodes()) {
                    t.add(n.getId());
                }
                for (Relationship r : data.createdRelationships()) {
                    t.add(r.getStartNodeId());
                    t.add(r.getEndNodeId());
                }
                for (Relationship r : data.deletedRelationships()) {
                    t.add(r.getStartNodeId());
                    t.add(r.getEndNodeId());
                }
                for (LabelEntry e : data.assignedLabels()) {
                    t.versions |= e.label().equals(MODEL_VERSION);
                    t.add(e.node().getId());
                }
                for (LabelEntry e : data.removedLabels()) {
                    // deleted nodes' labels are listed here too: a deleted version is seen
                    t.versions |= e.label().equals(MODEL_VERSION);
                    t.add(e.node().getId());
                }
                for (PropertyEntry<Node> e : data.assignedNodeProperties()) {
                    node(t, e, data);
                }
                for (PropertyEntry<Node> e : data.removedNodeProperties()) {
                    node(t, e, data);
                }
                for (PropertyEntry<Relationship> e : data.assignedRelationshipProperties()) {
                    t.add(e.entity().getStartNodeId());
                    t.add(e.entity().getEndNodeId());
                }
                for (PropertyEntry<Relationship> e : data.removedRelationshipProperties()) {
                    t.add(e.entity().getStartNodeId());
                    t.add(e.entity().getEndNodeId());
                }
            } catch (RuntimeException unreadable) {
                t.rebuild = true; // whatever could not be read is read by the rebuild
            }
            return t;
        }

        private void node(Touched t, PropertyEntry<Node> e, TransactionData data) {
            Node n = e.entity();
            if (!data.isDeleted(n) && n.hasLabel(MODEL_VERSION)) {
                t.versions = true;
            }
            t.add(n.getId());
        }

        @Override
        public void afterCommit(TransactionData data, Touched state, GraphDatabaseService database) {
            apply(state);
        }

        @Override
        public void afterRollback(TransactionData data, Touched state, GraphDatabaseService database) {
            // nothing was written
        }
    }
}
