package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmkgrec.cypher.CypherScripts;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.IndexSetting;
import org.neo4j.graphdb.schema.Schema;

/**
 * The tag recommender behind {@code mmkg.recommendTags} and {@code GET /api/v1/items/{id}/tags}: the
 * k best tags for an item, optionally for one user, scored by {@link TagMix} and explained by the
 * evidence each source found. It reads the store in the caller's transaction (its own uncommitted
 * writes included), so an online tag assignment counts in the next request.
 *
 * <p>Evidence per tag, each a count (ARCHITECTURE.md, "The graph model"):
 * <ol>
 *   <li>{@code user}: the user's {@code USED_TAG} count (no user, no such source), each use weighted
 *       by how recent the user's post holding it is ({@link TagConfig#userHalfLife()}: {@code
 *       2^(-a / halfLife)} for a post followed by {@code a} later posts of the user, by {@code day}
 *       then item id; uses no post holds count as older than every post); the explanation gives the
 *       plain count;</li>
 *   <li>{@code item}: the item's {@code TAGGED_WITH} count;</li>
 *   <li>{@code neighbours}: over the item's co-entity (KG) neighbours, read in both directions, the
 *       sum of {@code TAGGED_WITH count x shared}; the {@value #NEIGHBOURS} neighbours sharing the
 *       most entities only (ties by item id), so a hub item costs no more than a small one;</li>
 *   <li>{@code content}: only for an item without tags of its own (new to the catalogue): over the
 *       {@value #CONTENT_NEIGHBOURS} items nearest to its text vector that have tags (native vector
 *       index {@code mmkg_text_vectors}), the sum of {@code TAGGED_WITH count x cosine}; this is how an
 *       item added online with text only gets tags before anyone tags it;</li>
 *   <li>{@code global}: the {@value GlobalTags#TOP} most used tags over all items ({@link GlobalTags},
 *       cached per database until a commit changes a tag count).</li>
 * </ol>
 * A source whose weight is 0 is not read at all. Tags already in the user's own post on this item
 * ({@code TAGGED}) stay in the answer, flagged {@link Scored#posted()}: a tagging form shows them
 * checked rather than hiding them, and re-assigning one changes no count (see the online writes).
 * Order: score descending, then tag id.
 */
public final class TagRecommender {
    /** Largest k a request may ask for. */
    public static final int MAX_K = 100;
    /** Co-entity neighbours the neighbours source reads, most shared entities first. */
    static final int NEIGHBOURS = 50;
    /** Nearest items by text (that have tags) the content source reads. */
    static final int CONTENT_NEIGHBOURS = 20;
    /** Nearest nodes asked of the vector index for them: some nearest items may have no tags. */
    static final int CONTENT_CANDIDATES = 200;
    /** Items an explanation names per source. */
    static final int NAMED_ITEMS = 3;

    private static final TagMix.Source[] SOURCES = TagMix.Source.values();

    /**
     * One recommended tag: its id, name, score, whether the user's post on the item already holds it,
     * and the evidence of the sources that contributed, in source order.
     */
    public record Scored(String tagId, String name, double score, boolean posted, List<Evidence> explanation) {}

    /**
     * What one source found for a tag: its raw {@code count} (a whole number, but for {@code content},
     * weighted by similarity), its {@code contribution} to the score ({@code weight * count / total}),
     * the items it saw the tag on (neighbours and content: up to {@value #NAMED_ITEMS} names, strongest
     * first), and a sentence.
     */
    public record Evidence(TagMix.Source source, Number count, double contribution, List<String> items, String text) {
        /** {source, count, contribution, items (neighbours and content only), text}: the wire shape. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source.label());
            m.put("count", count);
            m.put("contribution", contribution);
            if (source == TagMix.Source.NEIGHBOURS || source == TagMix.Source.CONTENT) {
                m.put("items", items);
            }
            m.put("text", text);
            return m;
        }
    }

    private final GlobalTags global;

    private TagRecommender(GlobalTags global) {
        this.global = global;
    }

    /** The recommender of {@code db}, sharing that database's cached global tags. */
    public static TagRecommender of(GraphDatabaseService db) {
        return new TagRecommender(GlobalTags.of(db));
    }

    /**
     * The {@code k} best tags for {@code itemId}, for {@code userId} when not null.
     *
     * @throws BadConfig for k outside 1..{@value #MAX_K}
     * @throws NotFound  for an unknown item or user
     */
    public List<Scored> recommend(Transaction tx, String itemId, String userId, int k, TagConfig config) {
        TagMix.Weights weights = config.weights();
        if (k < 1 || k > MAX_K) {
            throw new BadConfig("k", "must be in 1.." + MAX_K + ", got " + k);
        }
        Node item = itemId == null ? null : tx.findNode(Names.ITEM, "id", itemId);
        if (item == null) {
            throw NotFound.item(itemId);
        }
        Node user = null;
        if (userId != null) {
            user = tx.findNode(Names.USER, "id", userId);
            if (user == null) {
                throw NotFound.user(userId);
            }
        }
        Evidences ev = new Evidences();
        if (user != null && weights.user() > 0) {
            counted(user, Names.USED_TAG, TagMix.Source.USER, ev);
            if (config.userHalfLife() > 0) {
                recent(user, config.userHalfLife(), ev);
            }
        }
        boolean tagged = item.getDegree(Names.TAGGED_WITH, Direction.OUTGOING) > 0;
        if (weights.item() > 0) {
            counted(item, Names.TAGGED_WITH, TagMix.Source.ITEM, ev);
        }
        if (weights.neighbours() > 0) {
            neighbours(item, ev);
        }
        if (!tagged && weights.content() > 0) {
            content(tx, item, itemId, ev);
        }
        if (weights.global() > 0) {
            for (GlobalTags.Use u : global.top(tx)) {
                ev.of(u.tagId(), u.name()).counts[TagMix.Source.GLOBAL.ordinal()] += u.uses();
            }
        }
        return ev.top(k, weights, posted(user, item));
    }

    /** The tags of one node's count relationships ({@code USED_TAG} of a user, {@code TAGGED_WITH} of an item). */
    private static void counted(Node owner, RelationshipType type, TagMix.Source source, Evidences ev) {
        for (Relationship r : owner.getRelationships(Direction.OUTGOING, type)) {
            double count = count(r);
            if (count > 0) {
                ev.of(r.getEndNode()).counts[source.ordinal()] += count;
            }
        }
    }

    /**
     * Re-weighs the user source's counts by recency: a use in a post followed by {@code a} later posts
     * of the user weighs {@code 2^(-a / halfLife)}; a use no post holds (a count above its posts)
     * weighs as a post older than all of them. The plain counts stay for the explanation.
     */
    private static void recent(Node user, double halfLife, Evidences ev) {
        // each post read once (day, item id, tags), then sorted: no store reads inside the comparator
        List<Post> posts = new ArrayList<>();
        for (Relationship r : user.getRelationships(Direction.OUTGOING, Names.TAGGED)) {
            posts.add(new Post(r.getProperty("day", null) instanceof java.time.LocalDate d ? d : null,
                    Names.itemId(r.getEndNode()), r.getProperty("tags", null) instanceof String[] t ? t : new String[0]));
        }
        posts.sort(Comparator.comparing(Post::day, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Post::itemId));
        int n = posts.size();
        int source = TagMix.Source.USER.ordinal();
        Map<String, double[]> inPosts = new HashMap<>(); // tag id -> {uses in posts, their weight}
        for (int k = 0; k < n; k++) {
            double w = Math.pow(2, -(n - 1 - k) / halfLife);
            for (String t : Arrays.stream(posts.get(k).tags()).distinct().toArray(String[]::new)) {
                double[] a = inPosts.computeIfAbsent(t, x -> new double[2]);
                a[0]++;
                a[1] += w;
            }
        }
        double older = Math.pow(2, -n / halfLife);
        for (Candidate c : ev.list) {
            double count = c.counts[source];
            if (count > 0) {
                double[] a = inPosts.getOrDefault(c.tagId, new double[2]);
                double inPost = Math.min(a[0], count);
                c.shown[source] = count;
                c.counts[source] = (a[0] > 0 ? a[1] * inPost / a[0] : 0) + (count - inPost) * older;
            }
        }
    }

    /** A user's post as the user source reads it. */
    private record Post(java.time.LocalDate day, String itemId, String[] tags) {}

    /** The co-entity neighbours' tags, each count times the entities shared; the {@value #NEIGHBOURS} nearest only. */
    private static void neighbours(Node item, Evidences ev) {
        List<Neighbour> all = new ArrayList<>();
        for (Relationship r : item.getRelationships(Direction.BOTH, Names.CO_ENTITY)) {
            Node other = r.getOtherNode(item);
            if (!other.equals(item) && r.getProperty("shared", null) instanceof Number shared && shared.doubleValue() > 0) {
                all.add(new Neighbour(other, Names.itemId(other), shared.doubleValue()));
            }
        }
        addStrongest(all, NEIGHBOURS, TagMix.Source.NEIGHBOURS, ev);
    }

    /**
     * Adds the tags of the {@code limit} strongest neighbours (ties by item id) to {@code source}:
     * each {@code TAGGED_WITH} count times the neighbour's strength.
     */
    private static void addStrongest(List<Neighbour> neighbours, int limit, TagMix.Source kind, Evidences ev) {
        neighbours.sort(Comparator.comparingDouble(Neighbour::shared).reversed().thenComparing(Neighbour::id));
        int source = kind.ordinal();
        for (Neighbour n : neighbours.subList(0, Math.min(limit, neighbours.size()))) {
            String name = itemName(n.node(), n.id());
            for (Relationship r : n.node().getRelationships(Direction.OUTGOING, Names.TAGGED_WITH)) {
                double part = count(r) * n.shared();
                if (part > 0) {
                    Candidate c = ev.of(r.getEndNode());
                    c.counts[source] += part;
                    c.seen(source, n.id(), name, part);
                }
            }
        }
    }

    /** A neighbour and its strength: entities shared (co-entity) or cosine (content). */
    private record Neighbour(Node node, String id, double shared) {}

    /**
     * The tags of the items nearest to the item's text vector, each count times the cosine: nothing
     * when the item has no text vector, or the index is missing, not online, or of another dimension.
     * The index proposes the candidates; they are ranked by the exact cosine of the stored vectors,
     * ties by item id.
     */
    private static void content(Transaction tx, Node item, String itemId, Evidences ev) {
        float[] vector = GraphRecommender.textVector(item);
        if (vector == null || !indexFits(tx, vector.length)) {
            return;
        }
        List<Neighbour> nearest = new ArrayList<>();
        Map<String, Object> params = Map.of("index", Names.TEXT_INDEX, "vector", vector, "itemId", itemId,
                "candidates", (long) CONTENT_CANDIDATES);
        try (Result rows = tx.execute(CypherScripts.query("queries/tags-content"), params)) {
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                Node other = (Node) row.get("other");
                double cos = cosine(vector, Names.vector(row.get("embedding")));
                if (cos > 0) { // dissimilar items add nothing
                    nearest.add(new Neighbour(other, Names.itemId(other), cos));
                }
            }
        }
        addStrongest(nearest, CONTENT_NEIGHBOURS, TagMix.Source.CONTENT, ev);
    }

    /** Cosine of two vectors; 0 when either is missing, of another length, or zero. */
    private static double cosine(float[] a, float[] b) {
        if (b == null || a.length != b.length) {
            return 0;
        }
        double dot = 0, na = 0, nb = 0;
        for (int d = 0; d < a.length; d++) {
            dot += (double) a[d] * b[d];
            na += (double) a[d] * a[d];
            nb += (double) b[d] * b[d];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Whether the text vector index exists, is online and takes vectors of this dimension. */
    private static boolean indexFits(Transaction tx, int dimension) {
        Schema schema = tx.schema();
        try {
            IndexDefinition index = schema.getIndexByName(Names.TEXT_INDEX);
            Object dims = index.getIndexConfiguration().get(IndexSetting.vector_Dimensions());
            return schema.getIndexState(index) == Schema.IndexState.ONLINE
                    && (!(dims instanceof Number d) || d.intValue() == dimension);
        } catch (IllegalArgumentException missing) {
            return false;
        }
    }

    /** The tag ids of the user's post on the item; none without a user or a post. */
    private static Set<String> posted(Node user, Node item) {
        if (user == null) {
            return Set.of();
        }
        for (Relationship r : user.getRelationships(Direction.OUTGOING, Names.TAGGED)) {
            if (r.getEndNode().equals(item) && r.getProperty("tags", null) instanceof String[] tags) {
                return Set.of(Arrays.stream(tags).distinct().toArray(String[]::new));
            }
        }
        return Set.of();
    }

    private static double count(Relationship r) {
        return r.getProperty("count", null) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String itemName(Node item, String id) {
        return item.getProperty("name", null) instanceof String s ? s : id;
    }

    /** One tag while the evidence is gathered: its counts per source and the items seen carrying it. */
    private static final class Candidate {
        final String tagId;
        final String name;
        final double[] counts = new double[SOURCES.length];
        /** The count an explanation gives where it differs from the scored one (the user's plain count); 0: the same. */
        final double[] shown = new double[SOURCES.length];
        /** Per source (neighbours, content): item id -> [name, strength]. */
        final Map<Integer, Map<String, Seen>> items = new HashMap<>();

        Candidate(String tagId, String name) {
            this.tagId = tagId;
            this.name = name;
        }

        void seen(int source, String itemId, String itemName, double strength) {
            items.computeIfAbsent(source, s -> new HashMap<>())
                    .merge(itemId, new Seen(itemId, itemName, strength), (a, b) -> new Seen(a.id, a.name, a.strength + b.strength));
        }

        /** Up to {@value #NAMED_ITEMS} names, strongest first, ties by item id. */
        List<String> named(int source) {
            return items.getOrDefault(source, Map.of()).values().stream()
                    .sorted(Comparator.comparingDouble(Seen::strength).reversed().thenComparing(Seen::id))
                    .limit(NAMED_ITEMS).map(Seen::name).toList();
        }

        int itemCount(int source) {
            return items.getOrDefault(source, Map.of()).size();
        }
    }

    private record Seen(String id, String name, double strength) {}

    /** Every candidate tag by id, and the ranking. */
    private static final class Evidences {
        final Map<String, Candidate> byId = new HashMap<>();
        final List<Candidate> list = new ArrayList<>();

        Candidate of(Node tag) {
            String id = (String) tag.getProperty("id");
            return of(id, tag.getProperty("name", null) instanceof String s ? s : id);
        }

        Candidate of(String tagId, String name) {
            return byId.computeIfAbsent(tagId, id -> {
                Candidate c = new Candidate(id, name == null ? id : name);
                list.add(c);
                return c;
            });
        }

        List<Scored> top(int k, TagMix.Weights weights, Set<String> posted) {
            double[] scores = new double[list.size()];
            double[] factor = new double[SOURCES.length];
            for (TagMix.Source s : SOURCES) {
                List<Integer> at = new ArrayList<>();
                for (int c = 0; c < list.size(); c++) {
                    if (list.get(c).counts[s.ordinal()] > 0) {
                        at.add(c);
                    }
                }
                int[] tags = at.stream().mapToInt(Integer::intValue).toArray();
                double[] counts = new double[tags.length];
                for (int j = 0; j < tags.length; j++) {
                    counts[j] = list.get(tags[j]).counts[s.ordinal()];
                }
                factor[s.ordinal()] = TagMix.add(scores, tags, counts, weights.of(s));
            }
            Integer[] order = new Integer[list.size()];
            for (int c = 0; c < order.length; c++) {
                order[c] = c;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -scores[c]).thenComparing(c -> list.get(c).tagId));
            List<Scored> out = new ArrayList<>(Math.min(k, order.length));
            for (Integer c : order) {
                if (out.size() == k || scores[c] <= 0) {
                    break;
                }
                Candidate cand = list.get(c);
                out.add(new Scored(cand.tagId, cand.name, scores[c], posted.contains(cand.tagId), explain(cand, factor)));
            }
            return out;
        }

        private static List<Evidence> explain(Candidate c, double[] factor) {
            List<Evidence> out = new ArrayList<>();
            for (TagMix.Source s : SOURCES) {
                double count = c.counts[s.ordinal()];
                if (count <= 0 || factor[s.ordinal()] <= 0) {
                    continue;
                }
                double contribution = factor[s.ordinal()] * count;
                count = c.shown[s.ordinal()] > 0 ? c.shown[s.ordinal()] : count;
                List<String> items = c.named(s.ordinal());
                int n = c.itemCount(s.ordinal());
                String text = switch (s) {
                    case USER -> "you used this tag " + times((long) count);
                    case ITEM -> "put on this item " + times((long) count);
                    case NEIGHBOURS -> "on " + items(n, "item") + " sharing KG entities with this one: " + list(items, n);
                    case CONTENT -> "on " + items(n, "item") + " with similar text: " + list(items, n);
                    case GLOBAL -> "one of the most used tags: put on items " + times((long) count);
                };
                Number raw = s == TagMix.Source.CONTENT ? (Number) count : (Number) Math.round(count);
                out.add(new Evidence(s, raw, contribution, items, text));
            }
            return out;
        }

        private static String times(long n) {
            return n == 1 ? "once" : n + " times";
        }

        private static String items(int n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }

        private static String list(List<String> names, int n) {
            return String.join(", ", names) + (n > names.size() ? ", ..." : "");
        }
    }
}
