package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The read-optimised copy of the graph that {@link ServingRecommender} answers from: every user,
 * item, tag and KG entity interned once as a dense index, with its id, name, degree and popularity
 * in primitive arrays; the structural relationships (KG, co-entity, tag) and the interactions as
 * per-node arrays of neighbour indexes and relationship ids; each item's normalised text vector; and
 * the active model version's vectors. Nothing here is read from the store while a request runs.
 *
 * <p>The graph stays the source of truth: {@link #build} reads it whole, {@link #refresh} re-reads
 * the nodes one committed transaction touched (so adjacency, degrees and vectors are those of the
 * store after the commit). Every relationship held here is the id of a stored relationship, which
 * is what keeps explanation paths faithful. Not thread-safe: {@link ServingEngine} guards it with a
 * read-write lock.
 */
final class ServingGraph {
    static final byte USER = 0, ITEM = 1, TAG = 2, ENTITY = 3;
    static final String[] TYPE_NAMES = {"User", "Item", "Tag", "Entity"};

    /** Interaction flags: a positive interaction (label 1); one of the eval split. */
    static final byte LIKED = 1, EVAL = 2;

    private static final Label CONTENT = Label.label("Content");

    int size;
    long[] neoId = new long[16];
    byte[] type = new byte[16];
    /** {@code id} (users, items, tags) or {@code entityId} (entities), as stored. */
    Object[] extId = new Object[16];
    String[] name = new String[16];
    /** {@code entityId} of a node labelled Entity (items included), for filters. */
    String[] entityKey = new String[16];
    /** The loader's stored {@code degree} (explanation weights), else the live degree. */
    int[] idfDegree = new int[16];
    /** Every relationship of the node, as {@code Node.getDegree()} counts them (the hub rule). */
    int[] liveDegree = new int[16];
    /** {@code log(1 + popularity)}; NaN for a node without a popularity property. */
    double[] logPop = new double[16];
    boolean[] alive = new boolean[16];

    /** Structural neighbours (KG relationships, co-entity links, tags), in relationship-id order. */
    int[][] adjNode = new int[16][];
    long[][] adjRel = new long[16][];
    /** relationship type index << 1 | 1 when this node is the relationship's start. */
    int[][] adjTypeDir = new int[16][];
    /** The hop weight of {@link Explainer#hop}: 1, or shared/(shared+1), count/(count+1). */
    double[][] adjHop = new double[16][];

    /** Interactions: a user's items, an item's users, with the relationship ids and {@link #LIKED}/{@link #EVAL} flags. */
    int[][] interNode = new int[16][];
    long[][] interRel = new long[16][];
    byte[][] interFlags = new byte[16][];

    /** An item's text vector, unit length (null: none). */
    float[][] text = new float[16][];
    /** The active model version's vector of a user or item (null: none). */
    float[][] vec = new float[16][];

    final List<String> relTypes = new ArrayList<>();
    private final Map<String, Integer> relTypeIndex = new HashMap<>();
    final Map<Long, Integer> byNeo = new HashMap<>();
    final Map<String, Integer> users = new HashMap<>();
    final Map<String, Integer> items = new HashMap<>();
    final Map<String, Integer> entities = new HashMap<>();
    final Map<String, List<Integer>> tags = new HashMap<>();

    /** The items' text vectors and active-version vectors again, as columns for whole-catalogue scans. */
    final VectorColumns textColumns = new VectorColumns();
    VectorColumns vecColumns = new VectorColumns();

    /** The active model version when built; null for none. */
    ModelVersion active;

    private ServingGraph() {}

    /** Reads the whole graph in {@code tx}. */
    static ServingGraph build(Transaction tx) {
        ServingGraph g = new ServingGraph();
        g.active = ModelVersion.find(tx, "active").orElse(null);
        List<Node> nodes = new ArrayList<>();
        for (Label label : new Label[] {Names.USER, Names.ITEM, Names.TAG, Names.ENTITY}) {
            try (ResourceIterator<Node> it = tx.findNodes(label)) {
                while (it.hasNext()) {
                    Node n = it.next();
                    if (!g.byNeo.containsKey(n.getId())) {
                        g.intern(n);
                        nodes.add(n);
                    }
                }
            }
        }
        // structural neighbours without one of the four labels are read as entities (as explanations name them)
        for (int i = 0; i < nodes.size(); i++) {
            g.read(nodes.get(i), nodes);
        }
        return g;
    }

    /**
     * Re-reads the nodes with these store ids after a commit (a node gone from the store is
     * dropped; a new one interned); a touched Content node stands for the items that link it.
     */
    void refresh(Transaction tx, Collection<Long> touched) {
        popularityOrder = null;
        List<Node> nodes = new ArrayList<>();
        for (long id : touched) {
            Node n;
            try {
                n = tx.getNodeById(id);
            } catch (NotFoundException gone) {
                drop(id);
                continue;
            }
            if (n.hasLabel(CONTENT)) {
                for (Relationship r : n.getRelationships(Direction.INCOMING)) {
                    if (r.getType().name().startsWith("HAS_")) {
                        nodes.add(r.getStartNode());
                    }
                }
            } else if (n.hasLabel(Names.USER) || n.hasLabel(Names.ITEM) || n.hasLabel(Names.TAG)
                    || n.hasLabel(Names.ENTITY) || byNeo.containsKey(id)) {
                nodes.add(n);
            }
        }
        for (Node n : nodes) {
            Integer at = byNeo.get(n.getId());
            if (at != null) {
                unmap(at); // labels, ids or names may have changed
                map(at, n);
            } else {
                intern(n);
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            read(nodes.get(i), nodes);
        }
    }

    /** Re-reads which version is active and its vectors on every user and item (after a version changed). */
    void reloadVectors(Transaction tx) {
        active = ModelVersion.find(tx, "active").orElse(null);
        VectorColumns columns = new VectorColumns();
        for (int at = 0; at < size; at++) {
            vec[at] = null;
            if (active != null && alive[at] && (type[at] == USER || type[at] == ITEM)) {
                vec[at] = Names.vector(tx.getNodeById(neoId[at]).getProperty(active.property(), null));
                if (type[at] == ITEM) {
                    columns.set(at, vec[at]);
                }
            }
        }
        vecColumns = columns;
    }

    private void drop(long neo) {
        Integer at = byNeo.remove(neo);
        if (at == null) {
            return;
        }
        unmap(at);
        alive[at] = false;
        adjNode[at] = null;
        adjRel[at] = null;
        adjTypeDir[at] = null;
        adjHop[at] = null;
        interNode[at] = null;
        interRel[at] = null;
        interFlags[at] = null;
        text[at] = null;
        vec[at] = null;
        textColumns.set(at, null);
        vecColumns.set(at, null);
    }

    private int intern(Node n) {
        if (size == neoId.length) {
            grow(size * 2);
        }
        int at = size++;
        neoId[at] = n.getId();
        byNeo.put(n.getId(), at);
        map(at, n);
        return at;
    }

    /** Type, ids and names of a node, and its entries in the id maps. */
    private void map(int at, Node n) {
        byte t = n.hasLabel(Names.USER) ? USER : n.hasLabel(Names.ITEM) ? ITEM : n.hasLabel(Names.TAG) ? TAG : ENTITY;
        type[at] = t;
        alive[at] = true;
        Object id = t == ENTITY ? n.getProperty("entityId", null) : n.getProperty("id", null);
        extId[at] = id;
        name[at] = n.getProperty("name", null) instanceof String s ? s : null;
        if (id instanceof String s) {
            switch (t) {
                case USER -> users.put(s, at);
                case ITEM -> items.put(s, at);
                default -> { }
            }
        }
        // items are often KG entities too (Item:Entity): filters name them by entityId
        entityKey[at] = n.hasLabel(Names.ENTITY) && n.getProperty("entityId", null) instanceof String e ? e : null;
        if (entityKey[at] != null) {
            entities.put(entityKey[at], at);
        }
        if (t == TAG && name[at] != null) {
            tags.computeIfAbsent(name[at], x -> new ArrayList<>()).add(at);
        }
    }

    private void unmap(int at) {
        if (extId[at] instanceof String s) {
            switch (type[at]) {
                case USER -> users.remove(s, at);
                case ITEM -> items.remove(s, at);
                default -> { }
            }
        }
        if (entityKey[at] != null) {
            entities.remove(entityKey[at], at);
        }
        if (type[at] == TAG && name[at] != null) {
            List<Integer> same = tags.get(name[at]);
            if (same != null) {
                same.remove(Integer.valueOf(at));
                if (same.isEmpty()) {
                    tags.remove(name[at]);
                }
            }
        }
    }

    /** Reads one node's properties and relationships; neighbours not yet interned are interned and queued. */
    private void read(Node n, List<Node> queue) {
        int at = byNeo.get(n.getId());
        liveDegree[at] = n.getDegree();
        idfDegree[at] = n.getProperty("degree", null) instanceof Number d ? d.intValue() : liveDegree[at];
        logPop[at] = n.getProperty("popularity", null) instanceof Number p ? Math.log1p(p.doubleValue()) : Double.NaN;
        vec[at] = active == null ? null : Names.vector(n.getProperty(active.property(), null));
        text[at] = null;
        List<long[]> structural = new ArrayList<>(); // {relId, other, typeDir, hop bits}
        List<long[]> interactions = new ArrayList<>(); // {relId, other, flags}
        for (Relationship r : n.getRelationships()) {
            String typeName = r.getType().name();
            boolean start = r.getStartNodeId() == n.getId();
            if (typeName.equals("INTERACTED")) {
                Node other = r.getOtherNode(n);
                Integer o = byNeo.get(other.getId());
                if (o == null) {
                    continue; // an interaction with a node that is neither user nor item
                }
                int flags = (r.getProperty("label", null) instanceof Number l && l.intValue() == 1 ? LIKED : 0)
                        | ("eval".equals(r.getProperty("split", null)) ? EVAL : 0);
                interactions.add(new long[] {r.getId(), o, flags});
            } else if (typeName.startsWith("HAS_")) {
                if (start && text[at] == null && typeName.equals("HAS_TEXT")) {
                    text[at] = unit(Names.vector(r.getEndNode().getProperty("embedding", null)));
                }
            } else if (!typeName.equals("USED_TAG") && !typeName.equals("TAGGED")) {
                Node other = r.getOtherNode(n);
                Integer o = byNeo.get(other.getId());
                if (o == null) {
                    o = intern(other);
                    queue.add(other);
                }
                structural.add(new long[] {r.getId(), o, (long) typeIndex(typeName) << 1 | (start ? 1 : 0),
                        Double.doubleToLongBits(Explainer.hop(r))});
            }
        }
        structural.sort((a, b) -> Long.compare(a[0], b[0]));
        interactions.sort((a, b) -> Long.compare(a[0], b[0]));
        int s = structural.size();
        adjNode[at] = new int[s];
        adjRel[at] = new long[s];
        adjTypeDir[at] = new int[s];
        adjHop[at] = new double[s];
        for (int j = 0; j < s; j++) {
            long[] e = structural.get(j);
            adjRel[at][j] = e[0];
            adjNode[at][j] = (int) e[1];
            adjTypeDir[at][j] = (int) e[2];
            adjHop[at][j] = Double.longBitsToDouble(e[3]);
        }
        int m = interactions.size();
        interNode[at] = new int[m];
        interRel[at] = new long[m];
        interFlags[at] = new byte[m];
        for (int j = 0; j < m; j++) {
            long[] e = interactions.get(j);
            interRel[at][j] = e[0];
            interNode[at][j] = (int) e[1];
            interFlags[at][j] = (byte) e[2];
        }
        textColumns.set(at, type[at] == ITEM ? text[at] : null);
        vecColumns.set(at, type[at] == ITEM ? vec[at] : null);
    }

    private int typeIndex(String name) {
        return relTypeIndex.computeIfAbsent(name, x -> {
            relTypes.add(x);
            int at = relTypes.size() - 1;
            if (at >= kgTypes.length) {
                kgTypes = Arrays.copyOf(kgTypes, at * 2 + 8);
            }
            kgTypes[at] = !x.equals("CO_ENTITY") && !x.equals("TAGGED_WITH");
            return at;
        });
    }

    /** Per relationship type index: a KG relationship ({@link Names#kgEdge}). */
    private boolean[] kgTypes = new boolean[8];

    private static float[] unit(float[] v) {
        if (v == null) {
            return null;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return null; // no direction: Neo4j's cosine index leaves such vectors out too
        }
        float[] u = new float[v.length];
        double scale = 1.0 / Math.sqrt(norm);
        for (int d = 0; d < v.length; d++) {
            u[d] = (float) (v[d] * scale);
        }
        return u;
    }

    private void grow(int capacity) {
        neoId = Arrays.copyOf(neoId, capacity);
        type = Arrays.copyOf(type, capacity);
        extId = Arrays.copyOf(extId, capacity);
        name = Arrays.copyOf(name, capacity);
        entityKey = Arrays.copyOf(entityKey, capacity);
        idfDegree = Arrays.copyOf(idfDegree, capacity);
        liveDegree = Arrays.copyOf(liveDegree, capacity);
        logPop = Arrays.copyOf(logPop, capacity);
        alive = Arrays.copyOf(alive, capacity);
        adjNode = Arrays.copyOf(adjNode, capacity);
        adjRel = Arrays.copyOf(adjRel, capacity);
        adjTypeDir = Arrays.copyOf(adjTypeDir, capacity);
        adjHop = Arrays.copyOf(adjHop, capacity);
        interNode = Arrays.copyOf(interNode, capacity);
        interRel = Arrays.copyOf(interRel, capacity);
        interFlags = Arrays.copyOf(interFlags, capacity);
        text = Arrays.copyOf(text, capacity);
        vec = Arrays.copyOf(vec, capacity);
    }

    private volatile int[] popularityOrder;

    /** Items with a popularity, most popular first, ties by id (what {@link GraphRecommender}'s popular query orders by). */
    int[] popularityOrder() {
        int[] order = popularityOrder;
        if (order == null) {
            synchronized (this) {
                order = popularityOrder;
                if (order == null) {
                    List<Integer> its = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        if (alive[i] && type[i] == ITEM && !Double.isNaN(logPop[i])) {
                            its.add(i);
                        }
                    }
                    its.sort((a, b) -> {
                        int c = Double.compare(logPop[b], logPop[a]);
                        return c != 0 ? c : String.valueOf(extId[a]).compareTo(String.valueOf(extId[b]));
                    });
                    order = its.stream().mapToInt(Integer::intValue).toArray();
                    popularityOrder = order;
                }
            }
        }
        return order;
    }

    /** Whether a structural relationship is a KG relationship ({@link Names#kgEdge}: not co-entity, not a tag). */
    boolean kgEdge(int typeDir) {
        return kgTypes[typeDir >>> 1];
    }

    String relType(int typeDir) {
        return relTypes.get(typeDir >>> 1);
    }

    /** Counts of what is held, and an estimate of its heap bytes (arrays and vectors; maps at ~64 bytes an entry). */
    String footprint() {
        long bytes = (long) neoId.length * (8 + 1 + 8 + 8 + 8 + 4 + 4 + 8 + 1 + 10 * 8);
        long structural = 0, interactions = 0, texts = 0, vectors = 0;
        for (int i = 0; i < size; i++) {
            if (adjNode[i] != null) {
                structural += adjNode[i].length;
                bytes += 4L * 16 + adjNode[i].length * (4L + 8 + 4 + 8);
            }
            if (interNode[i] != null) {
                interactions += interNode[i].length;
                bytes += 3L * 16 + interNode[i].length * (4L + 8 + 1);
            }
            if (text[i] != null) {
                texts++;
                bytes += 16 + 4L * text[i].length;
            }
            if (vec[i] != null) {
                vectors++;
                bytes += 16 + 4L * vec[i].length;
            }
            if (name[i] != null) {
                bytes += 40 + name[i].length();
            }
            if (extId[i] instanceof String s) {
                bytes += 40 + s.length();
            }
        }
        bytes += 64L * (byNeo.size() + users.size() + items.size() + entities.size() + tags.size());
        bytes += textColumns.bytes() + vecColumns.bytes();
        this.bytes = bytes;
        return String.format("%d users, %d items, %d nodes, %d structural and %d interaction ends, "
                        + "%d text vectors, %d %s vectors; ~%.1f MiB",
                users.size(), items.size(), byNeo.size(), structural, interactions, texts, vectors,
                active == null ? "model" : active.id(), bytes / 1048576.0);
    }

    /** The estimate of the last {@link #footprint}, in bytes. */
    long bytes;
}
