package org.mmkgrec.embedding.version;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Writes a trained model's vectors into the graph as a new version and makes it the active one.
 *
 * <p>Layout: {@code (:ModelVersion {id, model, config, seed, split, trainedAt, trainSeconds, metrics,
 * dimension, property, index, status, active})}; every user and item gets the property named by
 * {@code property} ({@code vec_<id>}). Vectors are stored for maximum-inner-product search with a
 * Euclidean index (Bachrach et al., RecSys 2014): an item vector {@code x} becomes
 * {@code [x, sqrt(M^2 - |x|^2)]} with {@code M} the largest item norm, a user vector {@code u}
 * becomes {@code [u, 0]}, so {@code |[u,0] - [x,..]|^2 = |u|^2 + M^2 - 2 u.x} and the nearest items
 * are exactly those of the largest dot product; the dot product of the stored vectors is still
 * {@code u.x}. A native vector index per version ({@code index}) answers top-k; its int8
 * quantisation is off, because the extra component dominates the value range and quantising it
 * costs most of the recall (0.53 at recall@20 in the test; 1.0 without).
 *
 * <p>Atomicity: the version node is created with {@code status: 'writing'}; vectors go in batches;
 * the index is built and brought online; only then one transaction marks the version
 * {@code complete} and active and the previous one inactive. A crash anywhere before leaves the
 * previous version active and untouched (a half-written version is never active, and is listed as
 * {@code writing} until {@link #dropIncomplete}, {@link #finishInterrupted} or {@link #prune} removes it).
 *
 * <p>Pruning ({@link #prune}): old versions are marked {@code pruning} before anything of theirs is
 * removed, so an interrupted prune is recognisable and is completed by the next one; the active
 * version is never removed. Statuses: {@code writing} -> {@code complete} -> {@code pruning} -> gone.
 */
public final class ModelVersions {
    private static final Pattern SAFE = Pattern.compile("[a-z0-9_]+");
    private static final String WRITING = "writing";
    private static final String PRUNING = "pruning";
    /** Nodes per transaction when a version's properties are removed. */
    static final int PRUNE_BATCH = 10_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    /** A stored version. */
    public record Version(String id, String model, String property, String index, int dimension, String status,
            boolean active) {}

    /** A hook for tests: called after each committed batch with the number of batches so far. */
    public interface BatchListener {
        void committed(int batches);
    }

    private ModelVersions() {}

    /**
     * How many candidates to ask the vector index for when {@code k} are wanted: the HNSW search
     * widens with the number asked, and top-20 recall against exact search went from 0.75 (asking
     * 20) to 0.98 (asking 100) in the test.
     */
    public static long candidates(int k) {
        return Math.max(100, 5L * k);
    }

    /**
     * What a training run produced, for {@link #write}.
     *
     * @param modalityWeights each user's modality weights (attention fusion), or null: written as the
     *                        version's {@code modalities} and each user's {@code <property>_modalities}
     */
    public record Trained(String model, Map<String, Object> config, long seed, String split, double trainSeconds,
            Map<String, Double> metrics, List<String> users, float[][] userVectors, List<String> items,
            float[][] itemVectors, Map<String, float[]> entityVectors,
            org.mmkgrec.embedding.train.Snapshot.ModalityWeights modalityWeights) {
        public Trained {
            entityVectors = entityVectors == null ? Map.of() : entityVectors;
        }

        public Trained(String model, Map<String, Object> config, long seed, String split, double trainSeconds,
                Map<String, Double> metrics, List<String> users, float[][] userVectors, List<String> items,
                float[][] itemVectors, Map<String, float[]> entityVectors) {
            this(model, config, seed, split, trainSeconds, metrics, users, userVectors, items, itemVectors, entityVectors, null);
        }
    }

    /** The user property holding a version's per-user modality weights (attention fusion). */
    public static String weightsProperty(String property) {
        return property + "_modalities";
    }

    public static Version write(GraphDatabaseService db, Trained t, int batchSize, BatchListener listener) {
        String id = t.model().replace('-', '_') + "_" + STAMP.format(Instant.now());
        if (!SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("model name `" + t.model() + "` gives an unusable version id " + id);
        }
        String property = "vec_" + id;
        String index = "mmkg_vec_" + id;
        int d = t.itemVectors().length == 0 ? 0 : t.itemVectors()[0].length;
        double maxNorm = 0;
        for (float[] x : t.itemVectors()) {
            maxNorm = Math.max(maxNorm, norm2(x));
        }
        Map<String, Object> node = new HashMap<>();
        node.put("id", id);
        node.put("model", t.model());
        node.put("config", t.config().toString());
        node.put("seed", t.seed());
        node.put("split", t.split());
        node.put("trainedAt", Instant.now().toString());
        node.put("trainSeconds", t.trainSeconds());
        node.put("metrics", t.metrics().toString());
        t.metrics().forEach((k, v) -> node.put("metric_" + k.replace('@', '_'), v));
        node.put("dimension", d);
        node.put("entities", (long) t.entityVectors().size());
        node.put("property", property);
        node.put("index", index);
        if (t.modalityWeights() != null) {
            node.put("modalities", t.modalityWeights().modalities());
        }
        db.executeTransactionally("CREATE (v:ModelVersion) SET v = $props, v.status = 'writing', v.active = false",
                Map.of("props", node));
        int batches = 0;
        batches = writeRows(db, "User", property, t.users(), t.userVectors(), d, -1, batchSize, batches, listener);
        batches = writeRows(db, "Item", property, t.items(), t.itemVectors(), d, maxNorm, batchSize, batches, listener);
        batches = writeEntities(db, property, t.entityVectors(), batchSize, batches, listener);
        if (t.modalityWeights() != null) {
            batches = writeWeights(db, weightsProperty(property), t.users(), t.modalityWeights().users(), batchSize,
                    batches, listener);
        }
        // index DDL cannot take parameters; the names are ours ([a-z0-9_], checked above)
        db.executeTransactionally("CREATE VECTOR INDEX " + index + " IF NOT EXISTS FOR (n:Item) ON (n." + property
                + ") OPTIONS {indexConfig: {`vector.dimensions`: " + (d + 1)
                + ", `vector.similarity_function`: 'euclidean', `vector.quantization.enabled`: false}}");
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexOnline(index, 10, TimeUnit.MINUTES);
        }
        // one transaction: the new version becomes active and complete and every other one inactive;
        // only a version still `writing` (not removed meanwhile by a prune) can be activated
        long activated = db.executeTransactionally("""
                MATCH (v:ModelVersion {id: $id, status: 'writing'})
                OPTIONAL MATCH (old:ModelVersion {active: true}) WHERE old <> v
                SET old.active = false
                WITH DISTINCT v
                SET v.active = true, v.status = 'complete', v.activatedAt = $now
                RETURN count(v) AS c""",
                Map.of("id", id, "now", Instant.now().toString()), r -> ((Number) r.next().get("c")).longValue());
        if (activated != 1) {
            throw new IllegalStateException("model version " + id + " was removed while it was written; nothing was activated");
        }
        return new Version(id, t.model(), property, index, d + 1, "complete", true);
    }

    /** KG entities that are not items, matched by entity id; their vectors as learned (no MIPS component, no index). */
    private static int writeEntities(GraphDatabaseService db, String property, Map<String, float[]> vectors, int batchSize,
            int batches, BatchListener listener) {
        String query = "UNWIND $rows AS row MATCH (n:Entity {entityId: row.id}) WHERE NOT n:Item SET n." + property + " = row.v";
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, float[]> e : new java.util.TreeMap<>(vectors).entrySet()) {
            rows.add(Map.of("id", e.getKey(), "v", e.getValue()));
            if (rows.size() == batchSize) {
                db.executeTransactionally(query, Map.of("rows", rows));
                rows = new ArrayList<>();
                batches++;
                if (listener != null) {
                    listener.committed(batches);
                }
            }
        }
        if (!rows.isEmpty()) {
            db.executeTransactionally(query, Map.of("rows", rows));
            batches++;
            if (listener != null) {
                listener.committed(batches);
            }
        }
        return batches;
    }

    /** Each user's modality weights as they are (no MIPS component, no index). */
    private static int writeWeights(GraphDatabaseService db, String property, List<String> ids, float[][] weights,
            int batchSize, int batches, BatchListener listener) {
        String query = "UNWIND $rows AS row MATCH (n:User {id: row.id}) SET n." + property + " = row.v";
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = from; k < Math.min(ids.size(), from + batchSize); k++) {
                rows.add(Map.of("id", ids.get(k), "v", weights[k]));
            }
            db.executeTransactionally(query, Map.of("rows", rows));
            batches++;
            if (listener != null) {
                listener.committed(batches);
            }
        }
        return batches;
    }

    private static int writeRows(GraphDatabaseService db, String label, String property, List<String> ids,
            float[][] vectors, int d, double maxNorm, int batchSize, int batches, BatchListener listener) {
        String query = "UNWIND $rows AS row MATCH (n:" + label + " {id: row.id}) SET n." + property + " = row.v";
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = from; k < Math.min(ids.size(), from + batchSize); k++) {
                float[] v = new float[d + 1];
                System.arraycopy(vectors[k], 0, v, 0, d);
                if (maxNorm >= 0) {
                    v[d] = (float) Math.sqrt(Math.max(0, maxNorm * maxNorm - norm2(vectors[k]) * norm2(vectors[k])));
                }
                rows.add(Map.of("id", ids.get(k), "v", v));
            }
            db.executeTransactionally(query, Map.of("rows", rows));
            batches++;
            if (listener != null) {
                listener.committed(batches);
            }
        }
        return batches;
    }

    private static double norm2(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The active version, if any. */
    public static Optional<Version> active(Transaction tx) {
        try (var rows = tx.execute("MATCH (v:ModelVersion {active: true}) RETURN v")) {
            if (!rows.hasNext()) {
                return Optional.empty();
            }
            var v = (org.neo4j.graphdb.Node) rows.next().get("v");
            return Optional.of(new Version((String) v.getProperty("id"), (String) v.getProperty("model"),
                    (String) v.getProperty("property"), (String) v.getProperty("index"),
                    ((Number) v.getProperty("dimension")).intValue() + 1, (String) v.getProperty("status"), true));
        }
    }

    /** Removes versions a crash left in {@code writing}: their vectors, index and node. */
    public static int dropIncomplete(GraphDatabaseService db) {
        List<String> stale = idsWithStatus(db, WRITING);
        for (String id : stale) {
            remove(db, id, PRUNE_BATCH, null);
        }
        return stale.size();
    }

    /** What {@link #prune} did: the versions it removed (finished ones included) and the ones left. */
    public record PruneResult(List<String> finished, List<String> removed, List<String> kept) {}

    /**
     * Removes old versions, keeping the {@code keep} newest complete ones (by {@code trainedAt}) and
     * the active one, which is never removed.
     *
     * <p>Crash-safe in three steps: first the versions an interrupted run left behind are finished
     * (status {@code writing}: a write that never activated; {@code pruning}: an earlier prune);
     * then the versions to remove are marked {@code pruning} in one transaction, which also takes
     * them out of service (only {@code complete} versions are served); then each marked version
     * loses its index, its node properties in transactions of {@code batchSize} nodes, and last its
     * {@code (:ModelVersion)} node. A kill at any point leaves versions marked {@code pruning} (or
     * already gone); every step is idempotent, so the next prune (or {@code train}) completes them.
     *
     * @param keep how many of the newest complete versions to keep besides the active one (>= 0)
     * @param batchSize nodes per transaction when removing properties
     * @param listener called after each committed removal batch (tests inject crashes with it); may be null
     */
    public static PruneResult prune(GraphDatabaseService db, int keep, int batchSize, BatchListener listener) {
        if (keep < 0) {
            throw new IllegalArgumentException("`keep` must be >= 0, was " + keep);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("`batchSize` must be >= 1, was " + batchSize);
        }
        List<String> finished = finishInterrupted(db, batchSize, listener);
        // the newest `keep` complete versions survive, and the active one whatever its age
        List<String> marked = db.executeTransactionally("""
                MATCH (v:ModelVersion {status: 'complete'})
                WITH v ORDER BY coalesce(datetime(v.trainedAt), datetime('1970-01-01T00:00:00Z')) DESC, v.id DESC
                WITH collect(v) AS newestFirst
                UNWIND newestFirst[$keep..] AS v
                WITH v WHERE v.active IS NULL OR v.active = false
                SET v.status = 'pruning', v.pruningSince = $now
                RETURN v.id AS id ORDER BY id""", Map.of("keep", (long) keep, "now", Instant.now().toString()),
                ModelVersions::ids);
        for (String id : marked) {
            remove(db, id, batchSize, listener);
        }
        List<String> kept = db.executeTransactionally("MATCH (v:ModelVersion) RETURN v.id AS id ORDER BY id", Map.of(),
                ModelVersions::ids);
        return new PruneResult(finished, marked, kept);
    }

    /** {@link #prune(GraphDatabaseService, int, int, BatchListener)} in transactions of 10,000 nodes. */
    public static PruneResult prune(GraphDatabaseService db, int keep) {
        return prune(db, keep, PRUNE_BATCH, null);
    }

    /**
     * Completes what an interrupted run left: removes the versions in {@code writing} (never
     * activated) and in {@code pruning}. Run before a new version is written or others are pruned.
     *
     * @return the ids removed
     */
    public static List<String> finishInterrupted(GraphDatabaseService db, int batchSize, BatchListener listener) {
        List<String> done = new ArrayList<>();
        for (String status : List.of(PRUNING, WRITING)) {
            for (String id : idsWithStatus(db, status)) {
                remove(db, id, batchSize, listener);
                done.add(id);
            }
        }
        return done;
    }

    /** Every stored version, newest first. */
    public static List<Map<String, Object>> list(GraphDatabaseService db) {
        return db.executeTransactionally("""
                MATCH (v:ModelVersion)
                RETURN v.id AS id, v.model AS model, v.status AS status, coalesce(v.active, false) AS active,
                       v.trainedAt AS trainedAt, v.metrics AS metrics
                ORDER BY coalesce(datetime(v.trainedAt), datetime('1970-01-01T00:00:00Z')) DESC, v.id DESC""", Map.of(), r -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    r.forEachRemaining(out::add);
                    return out;
                });
    }

    private static List<String> idsWithStatus(GraphDatabaseService db, String status) {
        return db.executeTransactionally("MATCH (v:ModelVersion {status: $status}) RETURN v.id AS id ORDER BY id",
                Map.of("status", status), ModelVersions::ids);
    }

    private static List<String> ids(org.neo4j.graphdb.Result r) {
        List<String> out = new ArrayList<>();
        r.forEachRemaining(row -> out.add((String) row.get("id")));
        return out;
    }

    /**
     * Removes one inactive version: index, node properties in batches, then its node. Property and
     * index names cannot be Cypher parameters, so they are derived from the id only after the id
     * has passed {@link #SAFE}; a stored name that differs from the derived one stops the removal.
     */
    private static void remove(GraphDatabaseService db, String id, int batchSize, BatchListener listener) {
        if (id == null || !SAFE.matcher(id).matches()) {
            throw new IllegalStateException("model version id `" + id + "` is not of the form [a-z0-9_]+; not removing it");
        }
        String property = "vec_" + id;
        String index = "mmkg_vec_" + id;
        Map<String, Object> meta = db.executeTransactionally(
                "MATCH (v:ModelVersion {id: $id}) RETURN v.property AS property, v.index AS index, coalesce(v.active, false) AS active",
                Map.of("id", id), r -> r.hasNext() ? r.next() : null);
        if (meta == null) {
            return; // removed meanwhile
        }
        if (Boolean.TRUE.equals(meta.get("active"))) {
            throw new IllegalStateException("model version " + id + " is active; the active version is never removed");
        }
        if (!property.equals(meta.get("property")) || !index.equals(meta.get("index"))) {
            throw new IllegalStateException("model version " + id + " names property `" + meta.get("property")
                    + "` and index `" + meta.get("index") + "`, expected `" + property + "` and `" + index + "`; not removing it");
        }
        db.executeTransactionally("DROP INDEX " + index + " IF EXISTS"); // DDL takes no parameters; name checked above
        int batches = 0;
        long[] holders = nodesWith(db, property);
        for (int from = 0; from < holders.length; from += batchSize) {
            try (Transaction tx = db.beginTx()) {
                for (int k = from; k < Math.min(holders.length, from + batchSize); k++) {
                    try {
                        org.neo4j.graphdb.Node node = tx.getNodeById(holders[k]);
                        node.removeProperty(property);
                        node.removeProperty(weightsProperty(property));
                    } catch (org.neo4j.graphdb.NotFoundException deletedMeanwhile) {
                        // nothing left to remove on it
                    }
                }
                tx.commit();
            }
            batches++;
            if (listener != null) {
                listener.committed(batches);
            }
        }
        db.executeTransactionally("MATCH (v:ModelVersion {id: $id}) WHERE coalesce(v.active, false) = false DELETE v",
                Map.of("id", id));
    }

    /**
     * The internal ids of the nodes that hold {@code property}, in one read pass (8 bytes a node):
     * removing in batches by id then costs one pass over the graph instead of a scan per batch.
     */
    private static long[] nodesWith(GraphDatabaseService db, String property) {
        long[] ids = new long[1024];
        int n = 0;
        try (Transaction tx = db.beginTx(); var nodes = tx.getAllNodes().iterator()) {
            while (nodes.hasNext()) {
                org.neo4j.graphdb.Node node = nodes.next();
                if (node.hasProperty(property)) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                    }
                    ids[n++] = node.getId();
                }
            }
        }
        return Arrays.copyOf(ids, n);
    }
}
