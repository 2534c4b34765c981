package org.mmkgrec.loader.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.EntityInfo;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.TagUse;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.source.UserInfo;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Writes a validated data set into the graph as the MMKG (ARCHITECTURE.md, "The graph model").
 *
 * <p>Writes go through Neo4j's core API in batches (much faster than Cypher for bulk creation), each
 * batch committed with its checkpoint by {@link LoadStepRunner}. The data set node carries the
 * input's fingerprint: a re-run with the same input resumes or does nothing; a different input is
 * refused unless the caller asks to replace the graph, so nothing stored is ever silently mixed.
 */
public final class GraphWriter {

    /**
     * @param dataset the data set's name (one data set per store)
     * @param split the split chosen at load time ({@code kgcn}, {@code mcclk}, {@code time811}, {@code random811}, {@code files}, {@code none})
     * @param fingerprint identifies the input files and the load options
     * @param coEntityThreshold {@code S_m} of CRM-MAN
     * @param batchSize records per transaction (default 20,000)
     * @param replace wipe a graph loaded from other input instead of refusing
     * @param quiet no progress bars (tests)
     */
    public record Options(String dataset, String split, String fingerprint, int coEntityThreshold, int batchSize,
                          boolean replace, boolean quiet, Map<String, Object> datasetProperties) {
        public Options {
            if (dataset == null || dataset.isBlank()) {
                throw new IllegalArgumentException("`dataset` must not be blank");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("`batchSize` must be >= 1, was " + batchSize);
            }
            datasetProperties = datasetProperties == null ? Map.of() : Map.copyOf(datasetProperties);
        }
    }

    /** What one run wrote: records per step (0 for a step finished by an earlier run) and seconds. */
    public record Summary(Map<String, Long> writtenByStep, Map<String, Long> graphCounts, boolean alreadyComplete,
                          double seconds, double tripleSeconds) {}

    private final GraphDatabaseService db;
    private final Options options;
    private final LoadStepRunner runner;
    private final Map<String, Long> userNodes = new HashMap<>();
    private final Map<String, Long> itemNodes = new HashMap<>();
    private final Map<String, Long> entityNodes = new HashMap<>();
    private final Map<String, Long> tagNodes = new HashMap<>();
    private final Map<String, RelationshipType> relationTypes = new HashMap<>();

    public GraphWriter(GraphDatabaseService db, Options options) {
        this.db = db;
        this.options = options;
        this.runner = new LoadStepRunner(db, options.dataset(), options.fingerprint(), options.batchSize(), options.quiet());
    }

    public Summary write(DatasetBuffer data) {
        return write(data, () -> {});
    }

    /**
     * @param beforeComplete runs once everything is written and before the data set node is marked
     *     {@code complete}, and only when this run writes (not when the store is refused, nor when
     *     this input is complete already): the loader writes its held-out files here, so a data set
     *     marked complete always has them; if it throws, the data set stays {@code loading}
     */
    public Summary write(DatasetBuffer data, Runnable beforeComplete) {
        long start = System.nanoTime();
        for (Interaction x : data.interactions) {
            if (x.split() == Split.TEST) {
                throw new IllegalArgumentException("test interactions never enter the graph (user " + x.userId()
                        + ", item " + x.itemId() + "): the loader must keep them in the held-out file");
            }
        }
        // computed (and its link rules checked) before prepareDataset writes anything
        List<String[]> entities = entityRecords(data.links, data.triples, data.entities);
        if (!prepareDataset()) {
            return new Summary(Map.of(), Map.of(), true, 0, 0);
        }
        Map<String, Long> written = new LinkedHashMap<>();
        written.put("users", nodeStep("users", data.users, GraphModel.USER, GraphModel.ID, userNodes,
                (tx, u) -> createUser(tx, u)));
        written.put("items", nodeStep("items", data.items, GraphModel.ITEM, GraphModel.ID, itemNodes,
                (tx, i) -> createItem(tx, i)));
        written.put("entities", nodeStep("entities", entities, GraphModel.ENTITY, GraphModel.ENTITY_ID, entityNodes,
                (tx, e) -> createEntity(tx, e)));
        long tripleStart = System.nanoTime();
        written.put("triples", runner.run("triples", data.triples, this::createTriple, () -> {}));
        double tripleSeconds = (System.nanoTime() - tripleStart) / 1e9;
        written.put("interactions", runner.run("interactions", data.interactions, this::createInteraction, () -> {}));
        written.put("contents", runner.run("contents", data.contents, this::createContent, () -> {}));
        Tags tags = Tags.aggregate(data.tagUses);
        written.put("tags", nodeStep("tags", tags.tags, GraphModel.TAG, GraphModel.ID, tagNodes, (tx, t) -> {
            Node n = tx.createNode(GraphModel.TAG);
            n.setProperty(GraphModel.ID, t[0]);
            n.setProperty(GraphModel.NAME, t[1]);
            return n;
        }));
        written.put("itemTags", runner.run("itemTags", tags.itemTags, (tx, c) ->
                link(tx, itemNodes, c.owner, c.tag, GraphModel.TAGGED_WITH, c.count), () -> {}));
        written.put("userTags", runner.run("userTags", tags.userTags, (tx, c) ->
                link(tx, userNodes, c.owner, c.tag, GraphModel.USED_TAG, c.count), () -> {}));
        written.put("tagPosts", runner.run("tagPosts", tags.posts, this::createPost, () -> {}));
        List<CoEntityGraph.Edge> coEntity = CoEntityGraph.build(data.triples, data.links, options.coEntityThreshold());
        written.put("coEntity", runner.run("coEntity", coEntity, this::createCoEntity, () -> {}));
        beforeComplete.run();
        Map<String, Long> counts = finishDataset(data);
        return new Summary(written, counts, false, (System.nanoTime() - start) / 1e9, tripleSeconds);
    }

    /** True when {@code step} of this data set was finished by a run with this fingerprint. */
    public static boolean isComplete(GraphDatabaseService db, String dataset, String fingerprint, String step) {
        try (Transaction tx = db.beginTx()) {
            Node n = tx.findNode(GraphModel.LOAD_STEP, "key", dataset + "/" + step);
            return n != null && fingerprint.equals(n.getProperty("fingerprint", null))
                    && Boolean.TRUE.equals(n.getProperty("complete", null));
        }
    }

    // ---- data set node: conflict check, replace, completion

    /** @return false when this exact input is already fully loaded */
    private boolean prepareDataset() {
        try (Transaction tx = db.beginTx()) {
            Node ds = tx.findNode(GraphModel.DATASET, GraphModel.NAME, options.dataset());
            boolean otherDataset = ds == null && tx.findNodes(GraphModel.DATASET).hasNext();
            if (ds != null && options.fingerprint().equals(ds.getProperty("fingerprint", null))) {
                return !"complete".equals(ds.getProperty("status", null));
            }
            if ((ds != null || otherDataset) && !options.replace()) {
                throw new IllegalStateException("this store already holds "
                        + (ds != null ? "data set `" + options.dataset() + "` loaded from other input or options"
                                      : "another data set")
                        + "; load into another data directory, or pass --replace to wipe it first");
            }
        }
        if (options.replace()) {
            wipe();
        }
        try (Transaction tx = db.beginTx()) {
            Node ds = tx.createNode(GraphModel.DATASET);
            ds.setProperty(GraphModel.NAME, options.dataset());
            ds.setProperty("fingerprint", options.fingerprint());
            ds.setProperty("split", options.split());
            ds.setProperty("coEntityThreshold", options.coEntityThreshold());
            ds.setProperty("status", "loading");
            options.datasetProperties().forEach(ds::setProperty);
            tx.commit();
        }
        return true;
    }

    /** Deletes everything, in bounded transactions (a data set can be larger than tx memory). */
    private void wipe() {
        while (true) {
            try (Transaction tx = db.beginTx()) {
                long deleted = 0;
                try (ResourceIterator<Node> it = tx.getAllNodes().iterator()) {
                    while (it.hasNext() && deleted < 10_000) {
                        Node n = it.next();
                        for (Relationship r : n.getRelationships()) {
                            r.delete();
                        }
                        n.delete();
                        deleted++;
                    }
                }
                tx.commit();
                if (deleted == 0) {
                    return;
                }
            }
        }
    }

    private Map<String, Long> finishDataset(DatasetBuffer data) {
        Map<String, Long> counts = new TreeMap<>();
        try (Transaction tx = db.beginTx()) {
            for (Label label : List.of(GraphModel.USER, GraphModel.ITEM, GraphModel.ENTITY, GraphModel.CONTENT, GraphModel.TAG)) {
                counts.put(label.name(), count(tx, "MATCH (n:" + label.name() + ") RETURN count(n) AS c"));
            }
            counts.put("KG triples", (long) data.triples.size());
            counts.put("INTERACTED", count(tx, "MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c"));
            counts.put("CO_ENTITY", count(tx, "MATCH ()-[r:CO_ENTITY]->() RETURN count(r) AS c"));
            // popularity among training positives: the cold-start fallback ranks by it
            tx.execute("MATCH (i:Item) SET i.popularity = COUNT { (i)<-[:INTERACTED {label: 1}]-() }");
            // degree: all relationships of a KG entity, item or tag, which explanation paths weigh by
            // (1 / ln(2 + degree)); stored because counting a node's relationships is a chain walk
            tx.execute("MATCH (n) WHERE n:Item OR n:Entity OR n:Tag SET n.degree = COUNT { (n)-[r]-() WHERE NOT r:TAGGED }");
            Node ds = tx.findNode(GraphModel.DATASET, GraphModel.NAME, options.dataset());
            counts.forEach((k, v) -> ds.setProperty("count" + k.replace(" ", ""), v));
            ds.setProperty("status", "complete");
            ds.setProperty("loadedAt", Instant.now().toString());
            tx.commit();
        }
        return counts;
    }

    private static long count(Transaction tx, String query) {
        return ((Number) tx.execute(query).next().get("c")).longValue();
    }

    // ---- node steps

    @FunctionalInterface
    private interface NodeCreator<T> {
        Node create(Transaction tx, T record);
    }

    private <T> long nodeStep(String step, List<T> records, Label label, String key, Map<String, Long> ids,
                              NodeCreator<T> creator) {
        Runnable reload = () -> reloadIds(label, key, ids);
        long written = runner.run(step, records, (tx, r) -> {
            Node n = creator.create(tx, r);
            ids.put((String) n.getProperty(key), n.getId());
        }, reload);
        if (written < records.size()) {
            reload.run();
        }
        return written;
    }

    private void reloadIds(Label label, String key, Map<String, Long> ids) {
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(label)) {
            while (it.hasNext()) {
                Node n = it.next();
                Object id = n.getProperty(key, null);
                if (id != null) {
                    ids.put((String) id, n.getId());
                }
            }
        }
    }

    private static Node createUser(Transaction tx, UserInfo u) {
        Node n = tx.createNode(GraphModel.USER);
        n.setProperty(GraphModel.ID, u.userId());
        setAttributes(n, u.attributes());
        return n;
    }

    private static Node createItem(Transaction tx, ItemInfo i) {
        Node n = tx.createNode(GraphModel.ITEM);
        n.setProperty(GraphModel.ID, i.itemId());
        if (i.name() != null) {
            n.setProperty(GraphModel.NAME, i.name());
        }
        setAttributes(n, i.attributes());
        return n;
    }

    private static void setAttributes(Node n, Map<String, Object> attributes) {
        if (attributes == null) {
            return;
        }
        attributes.forEach((k, v) -> {
            if (v != null) {
                n.setProperty(k, v);
            }
        });
    }

    /** Entities in first-seen order: [entityId, linkedItemId or null, name or null]. */
    private static List<String[]> entityRecords(List<ItemLink> links, List<Triple> triples, List<EntityInfo> infos) {
        Map<String, String> names = new HashMap<>();
        for (EntityInfo e : infos) {
            names.putIfAbsent(e.entityId(), e.name());
        }
        // the readers check both directions with file and line (CrossRecordRules); this is the backstop
        // for callers that fill a buffer themselves, before the first write
        Map<String, String> linked = new LinkedHashMap<>();
        Map<String, String> entityOfItem = new HashMap<>();
        for (ItemLink l : links) {
            String before = linked.putIfAbsent(l.entityId(), l.itemId());
            if (before != null && !before.equals(l.itemId())) {
                throw new IllegalArgumentException("entity " + l.entityId() + " is linked to two items: "
                        + before + " and " + l.itemId());
            }
            String entity = entityOfItem.putIfAbsent(l.itemId(), l.entityId());
            if (entity != null && !entity.equals(l.entityId())) {
                throw new IllegalArgumentException("item " + l.itemId() + " is linked to two entities: "
                        + entity + " and " + l.entityId());
            }
        }
        Set<String> all = new LinkedHashSet<>(linked.keySet());
        for (Triple t : triples) {
            all.add(t.head());
            all.add(t.tail());
        }
        List<String[]> out = new ArrayList<>(all.size());
        for (String e : all) {
            out.add(new String[] {e, linked.get(e), names.get(e)});
        }
        return out;
    }

    private Node createEntity(Transaction tx, String[] entity) {
        String itemId = entity[1];
        Node n;
        if (itemId != null) {
            // the item node is its own KG entity: explanation paths need no extra hop
            n = tx.getNodeById(requireId(itemNodes, itemId, "item"));
            n.addLabel(GraphModel.ENTITY);
        } else {
            n = tx.createNode(GraphModel.ENTITY);
        }
        n.setProperty(GraphModel.ENTITY_ID, entity[0]);
        if (entity[2] != null && !n.hasProperty(GraphModel.NAME)) {
            n.setProperty(GraphModel.NAME, entity[2]);
        }
        return n;
    }

    // ---- relationship steps

    private void createTriple(Transaction tx, Triple t) {
        Node head = tx.getNodeById(requireId(entityNodes, t.head(), "entity"));
        Node tail = tx.getNodeById(requireId(entityNodes, t.tail(), "entity"));
        head.createRelationshipTo(tail, relationTypes.computeIfAbsent(t.relation(), RelationshipType::withName));
    }

    private void createInteraction(Transaction tx, Interaction x) {
        Node user = tx.getNodeById(requireId(userNodes, x.userId(), "user"));
        Node item = tx.getNodeById(requireId(itemNodes, x.itemId(), "item"));
        Relationship r = user.createRelationshipTo(item, GraphModel.INTERACTED);
        r.setProperty("label", x.label());
        if (!Double.isNaN(x.rating())) {
            r.setProperty("rating", x.rating());
        }
        if (x.timestamp() >= 0) {
            r.setProperty("timestamp", x.timestamp());
        }
        r.setProperty("split", x.split().graphName());
    }

    private void createContent(Transaction tx, ItemContent c) {
        Node item = tx.getNodeById(requireId(itemNodes, c.itemId(), "item"));
        Node n = tx.createNode(GraphModel.CONTENT);
        n.setProperty(GraphModel.ID, GraphModel.contentId(c.itemId(), c.modality()));
        n.setProperty("modality", c.modality());
        if (c.text() != null) {
            n.setProperty("text", c.text());
        }
        if (c.vector() != null) {
            n.setProperty("embedding", c.vector());
            n.setProperty("dim", c.vector().length);
        }
        item.createRelationshipTo(n, GraphModel.hasContent(c.modality()));
    }

    private void createCoEntity(Transaction tx, CoEntityGraph.Edge e) {
        Node a = tx.getNodeById(requireId(itemNodes, e.itemA(), "item"));
        Node b = tx.getNodeById(requireId(itemNodes, e.itemB(), "item"));
        a.createRelationshipTo(b, GraphModel.CO_ENTITY).setProperty("shared", e.shared());
    }

    private void link(Transaction tx, Map<String, Long> owners, String owner, String tag, RelationshipType type, int count) {
        Node from = tx.getNodeById(requireId(owners, owner, type.name() + " owner"));
        Node to = tx.getNodeById(requireId(tagNodes, tag, "tag"));
        from.createRelationshipTo(to, type).setProperty("count", count);
    }

    private void createPost(Transaction tx, Post p) {
        Node user = tx.getNodeById(requireId(userNodes, p.user, "post user"));
        Node item = tx.getNodeById(requireId(itemNodes, p.item, "post item"));
        Relationship r = user.createRelationshipTo(item, GraphModel.TAGGED);
        r.setProperty("tags", p.tags.toArray(String[]::new));
        if (p.day != null) {
            r.setProperty("day", p.day);
        }
    }

    private static long requireId(Map<String, Long> ids, String id, String what) {
        Long node = ids.get(id);
        if (node == null) {
            throw new IllegalStateException("unknown " + what + " `" + id + "`: readers must validate references");
        }
        return node;
    }

    /**
     * Tag uses aggregated per (item, tag) and per (user, tag), and grouped into posts per (user,
     * item): the tag ids in the order read, the earliest first day; all in a deterministic order.
     */
    private record Tags(List<String[]> tags, List<TagCount> itemTags, List<TagCount> userTags, List<Post> posts) {
        static Tags aggregate(List<TagUse> uses) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<List<String>, Integer> byItem = new LinkedHashMap<>();
            Map<List<String>, Integer> byUser = new LinkedHashMap<>();
            Map<List<String>, Post> posts = new LinkedHashMap<>();
            for (TagUse u : uses) {
                names.putIfAbsent(u.tagId(), u.tagName());
                byItem.merge(List.of(u.itemId(), u.tagId()), u.count(), Integer::sum);
                byUser.merge(List.of(u.userId(), u.tagId()), u.count(), Integer::sum);
                Post p = posts.computeIfAbsent(List.of(u.userId(), u.itemId()), k -> new Post(u.userId(), u.itemId()));
                if (!p.tags.contains(u.tagId())) {
                    p.tags.add(u.tagId());
                }
                if (u.firstDay() != null && (p.day == null || u.firstDay().isBefore(p.day))) {
                    p.day = u.firstDay();
                }
            }
            List<String[]> tags = new ArrayList<>();
            names.forEach((id, name) -> tags.add(new String[] {id, name == null ? id : name}));
            return new Tags(tags, counts(byItem), counts(byUser), new ArrayList<>(posts.values()));
        }

        private static List<TagCount> counts(Map<List<String>, Integer> m) {
            List<TagCount> out = new ArrayList<>(m.size());
            m.forEach((k, v) -> out.add(new TagCount(k.get(0), k.get(1), v)));
            return out;
        }
    }

    private record TagCount(String owner, String tag, int count) {}

    /** One (user, item) post while it is being grouped. */
    private static final class Post {
        final String user;
        final String item;
        final List<String> tags = new ArrayList<>();
        java.time.LocalDate day;

        Post(String user, String item) {
            this.user = user;
            this.item = item;
        }
    }
}
