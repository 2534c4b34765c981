package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.Schema;

/**
 * The hybrid recommender behind {@code mmkg.recommend} and {@code mmkg.similar}, on Neo4j's core API
 * inside the caller's transaction (so it sees the caller's own uncommitted writes, and online writes
 * the moment they commit).
 *
 * <p>Score of a candidate item {@code i} for user {@code u} (all terms in [0, 1], see cypher/README.md):
 * <pre>
 *   cf(i)      = sum over the co-likers v of overlap(u, v) * [v liked i], divided by its maximum over the
 *                candidates ("users who liked what you liked also liked"); the {@code neighbours} co-likers
 *                with the largest overlap only (user-KNN; default 100)
 *   kg(i)      = sum over (liked h)-(entity e)-(i) of 1 / ln(2 + degree(e)), divided by its maximum
 *   content(i) = cosine(mean text vector of u's liked items, text vector of i), from the native vector index
 *   pop(i)     = ln(1 + popularity(i)) / ln(1 + max popularity among the candidates)
 *   score(i)   = w.cf * cf + w.kg * kg + w.content * content + w.pop * pop
 * </pre>
 * Candidates are the items any term reaches; the content term is what lets an item without any
 * interaction (cold start) be recommended as soon as its text is stored. Users with no history get
 * the most popular items.
 */
public final class GraphRecommender {
    /** One recommended or similar item; {@code source} names the term that contributed most. */
    public record Scored(Node item, double score, String source, List<Explanation> explanations,
            List<Map<String, Object>> shared) {}

    private static final String[] TERMS = {"cf", "kg", "content", "popular"};

    /**
     * A candidate while it is ranked. Its item id (the tie-break) is read from the store at most once,
     * and only when a tie needs it: a comparator that read it on every comparison read it
     * O(n log n) times for n candidates (every item, for {@link #scoreAll}).
     */
    private static final class Ranked {
        final Node item;
        final double score;
        final String source;
        private String id;

        Ranked(Node item, double score, String source) {
            this.item = item;
            this.score = score;
            this.source = source;
        }

        String id() {
            if (id == null) {
                id = Names.itemId(item);
            }
            return id;
        }

        Scored scored() {
            return new Scored(item, score, source, List.of(), List.of());
        }
    }

    /** Lower score first; among equal scores the larger item id first (so best first is its reverse). */
    private static final Comparator<Ranked> WORST_FIRST = Comparator.<Ranked>comparingDouble(r -> r.score)
            .thenComparing(Ranked::id, Comparator.reverseOrder());

    private final Transaction tx;

    public GraphRecommender(Transaction tx) {
        this.tx = tx;
    }

    public Optional<Node> user(String id) {
        return Optional.ofNullable(tx.findNode(Names.USER, "id", id));
    }

    public Optional<Node> item(String id) {
        return Optional.ofNullable(tx.findNode(Names.ITEM, "id", id));
    }

    /**
     * The model that answers {@code config.model()} for {@code user}: a trained version's id, or
     * {@code hybrid} (also for a user who arrived after the version was trained: no vector yet).
     */
    public String modelFor(Node user, RecConfig config) {
        String model = resolveModel(config);
        if (!model.equals("hybrid")) {
            ModelVersion version = ModelVersion.find(tx, model).orElseThrow();
            if (Names.vector(user.getProperty(version.property(), null)) == null) {
                return "hybrid";
            }
        }
        return model;
    }

    /** The model that answers {@code config.model()}: a trained version's id, or {@code hybrid}. */
    public String resolveModel(RecConfig config) {
        if (config.model().equals("hybrid")) {
            return "hybrid";
        }
        Optional<ModelVersion> v = ModelVersion.find(tx, config.model());
        if (v.isPresent()) {
            return v.get().id();
        }
        if (config.model().equals("active")) {
            return "hybrid";
        }
        throw new BadConfig("config.model", "no complete model version `" + config.model()
                + "`; use hybrid, active or the id of a trained version");
    }

    /** The top-{@code k} items for {@code user}, best first (ties by item id). */
    public List<Scored> recommend(Node user, int k, RecConfig config) {
        Map<Node, Relationship> liked = Explainer.likedItems(user, config);
        String model = modelFor(user, config);
        if (!model.equals("hybrid")) {
            ModelVersion version = ModelVersion.find(tx, model).orElseThrow();
            float[] vector = Names.vector(user.getProperty(version.property()));
            return explained(user, liked, byVector(user, vector, version, k, config), config);
        }
        Set<Node> seen = seen(user, config);
        Map<Node, double[]> terms = candidates(user, liked.keySet(), seen, config);
        Set<Node> filter = filterNodes(config);
        if (!filter.isEmpty()) {
            for (Node f : filter) {
                for (Relationship r : Names.structural(f)) {
                    Node item = r.getOtherNode(f);
                    if (item.hasLabel(Names.ITEM)) {
                        terms.computeIfAbsent(item, n -> new double[4]);
                    }
                }
            }
        }
        if (terms.size() - seen.size() < k) {
            popular(k + seen.size(), terms);
        }
        terms.keySet().removeIf(i -> (config.excludeSeen() && seen.contains(i)) || !passes(i, filter));
        return explained(user, liked, top(terms, k, config.weights(), true), config);
    }

    private List<Scored> explained(Node user, Map<Node, Relationship> liked, List<Scored> top, RecConfig config) {
        if (!config.explain()) {
            return top;
        }
        Explainer explainer = new Explainer(user, liked, config.hubDegree());
        List<Scored> out = new ArrayList<>(top.size());
        for (Scored s : top) {
            out.add(new Scored(s.item(), s.score(), s.source(),
                    explainer.explain(s.item(), config.maxHops(), config.maxPaths()), List.of()));
        }
        return out;
    }

    /**
     * The top-k items of a trained version: the version's vector index asked for more candidates
     * than needed (HNSW recall grows with them), seen and filtered items dropped, the rest ranked by
     * the exact dot product of the stored vectors (the model's own score).
     */
    private List<Scored> byVector(Node user, float[] vector, ModelVersion version, int k, RecConfig config) {
        Set<Node> seen = seen(user, config);
        Set<Node> filter = filterNodes(config);
        List<Ranked> ranked = new ArrayList<>();
        long n = Math.min(10_000, ModelVersion.candidates(k + seen.size()));
        try (Result rows = tx.execute("CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node RETURN node",
                Map.of("index", version.index(), "n", n, "vector", vector))) {
            while (rows.hasNext()) {
                Node item = (Node) rows.next().get("node");
                float[] x = Names.vector(item.getProperty(version.property(), null));
                if ((config.excludeSeen() && seen.contains(item)) || !passes(item, filter) || x == null) {
                    continue;
                }
                double dot = 0;
                for (int d = 0; d < vector.length && d < x.length; d++) {
                    dot += vector[d] * x[d];
                }
                ranked.add(new Ranked(item, dot, version.model()));
            }
        }
        // best first, ties by item id
        ranked.sort(WORST_FIRST.reversed());
        List<Scored> out = new ArrayList<>(Math.min(k, ranked.size()));
        for (Ranked r : ranked.subList(0, Math.min(k, ranked.size()))) {
            out.add(r.scored());
        }
        return out;
    }

    /**
     * The hybrid score of every item for {@code user} (items no term reaches score by popularity
     * alone), best first: what the evaluator ranks and thresholds. Filters and explanations do not apply.
     */
    public List<Scored> scoreAll(Node user, RecConfig config) {
        Set<Node> seen = seen(user, config);
        Map<Node, double[]> terms = candidates(user, Explainer.likedItems(user, config).keySet(), seen, config);
        try (ResourceIterator<Node> items = tx.findNodes(Names.ITEM)) {
            items.forEachRemaining(i -> terms.computeIfAbsent(i, x -> new double[4]));
        }
        if (config.excludeSeen()) {
            terms.keySet().removeAll(seen);
        }
        return top(terms, terms.size(), config.weights(), true);
    }

    /**
     * The unscaled cf, kg and content terms of the items they reach for {@code user} (seen items
     * kept; the caller excludes what it must): what {@link #scoreAll} scores before scaling cf and kg
     * by their maxima over these items and adding the popularity term {@code log(1+pop) / max} that
     * every item has. For fitting the weights on an eval split without walking the graph once per
     * candidate weighting, and without touching the items no term reaches (the caller reads their
     * popularity once per run).
     */
    public Map<Node, double[]> reachedTerms(Node user, RecConfig config) {
        return candidates(user, Explainer.likedItems(user, config).keySet(), seen(user, config), config);
    }

    /** Every item node of the graph (close the iterator). */
    public ResourceIterator<Node> items() {
        return tx.findNodes(Names.ITEM);
    }

    /** {@code log(1 + popularity)} of an item: the popularity term before its scaling by the maximum. */
    public static double logPopularity(Node item) {
        return Math.log1p(item.getProperty("popularity", 0L) instanceof Number p ? p.doubleValue() : 0);
    }

    private static Set<Node> seen(Node user, RecConfig config) {
        Set<Node> seen = new HashSet<>();
        for (Relationship r : user.getRelationships(Direction.OUTGOING, Names.INTERACTED)) {
            if (Names.visible(r, config)) {
                seen.add(r.getEndNode());
            }
        }
        return seen;
    }

    /** The cf, kg and content terms of every item they reach. */
    private Map<Node, double[]> candidates(Node user, Set<Node> liked, Set<Node> seen, RecConfig config) {
        Map<Node, double[]> terms = new HashMap<>();
        collaborative(user, liked, config, terms);
        knowledgeGraph(liked, config, terms);
        if (config.weights().content() > 0 && config.contentCandidates() > 0) {
            float[] profile = meanTextVector(liked);
            if (profile != null) {
                nearestByText(profile, config.contentCandidates() + seen.size(), terms, null);
            }
        }
        return terms;
    }

    /**
     * Items most similar to {@code item}: by text vector (cosine, native vector index) when the item
     * has one, otherwise by shared KG entities (sum of 1 / ln(2 + degree) over the shared entities,
     * normalised). Each comes with the KG entities the two items share.
     */
    public List<Scored> similar(Node item, int k, RecConfig config) {
        Map<Node, double[]> terms = new HashMap<>();
        float[] vector = textVector(item);
        if (vector != null && config.contentCandidates() > 0) {
            nearestByText(vector, Math.max(k + 1, config.contentCandidates()), terms, item);
        }
        if (terms.size() < k + 1) {
            knowledgeGraph(Set.of(item), config, terms);
        }
        terms.remove(item);
        Set<Node> filter = filterNodes(config);
        terms.keySet().removeIf(i -> !passes(i, filter));
        RecConfig.Weights w = new RecConfig.Weights(0, vector == null ? 1.0 : 0.01, 1.0, 0);
        List<Scored> top = top(terms, k, w, false);
        List<Scored> out = new ArrayList<>(top.size());
        for (Scored s : top) {
            out.add(new Scored(s.item(), s.score(), s.source(), List.of(), sharedEntities(item, s.item())));
        }
        return out;
    }

    /** The explanation paths from {@code user}'s history to {@code item}, best first. */
    public List<Explanation> explain(Node user, Node item, RecConfig config) {
        return new Explainer(user, Explainer.likedItems(user, config), config.hubDegree())
                .explain(item, config.maxHops(), config.maxPaths());
    }

    /** {entityId, name, relation (from the first item), relation2 (to the second)} for each shared KG entity. */
    public static List<Map<String, Object>> sharedEntities(Node a, Node b) {
        Map<Node, Relationship> fromA = new HashMap<>();
        for (Relationship r : Names.structural(a)) {
            if (Names.kgEdge(r)) {
                fromA.putIfAbsent(r.getOtherNode(a), r);
            }
        }
        List<Map<String, Object>> shared = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        for (Relationship r : Names.structural(b)) {
            Node e = r.getOtherNode(b);
            Relationship ra = fromA.get(e);
            if (ra != null && Names.kgEdge(r) && done.add(e)) {
                Map<String, Object> m = new java.util.LinkedHashMap<>(Names.ref(e));
                m.put("relation", ra.getType().name());
                m.put("relation2", r.getType().name());
                shared.add(m);
            }
        }
        shared.sort(Comparator.comparing(m -> String.valueOf(m.get("id"))));
        return shared;
    }

    private void collaborative(Node user, Set<Node> liked, RecConfig config, Map<Node, double[]> terms) {
        if (config.weights().cf() == 0) {
            return;
        }
        Map<Node, Integer> overlap = new HashMap<>();
        for (Node h : liked) {
            for (Relationship r : h.getRelationships(Direction.INCOMING, Names.INTERACTED)) {
                Node v = r.getStartNode();
                if (!v.equals(user) && Names.liked(r, config)) {
                    overlap.merge(v, 1, Integer::sum);
                }
            }
        }
        // the nearest co-likers only (user-KNN): by overlap, ties by the user's internal id (as the
        // serving engine breaks them), so the answer is stable
        List<CoLiker> nearest = new ArrayList<>(overlap.size());
        overlap.forEach((v, count) -> nearest.add(new CoLiker(v, count)));
        List<CoLiker> kept = nearest;
        if (nearest.size() > config.neighbours()) {
            nearest.sort(Comparator.<CoLiker>comparingInt(CoLiker::overlap).reversed().thenComparingLong(CoLiker::key));
            kept = nearest.subList(0, config.neighbours());
        }
        // each co-liker votes with overlap / sqrt(its liked items) (cosine up to the user's own norm):
        // raw overlap lets the heaviest users, who like everything popular, decide every list
        List<Node> theirs = new ArrayList<>();
        for (CoLiker c : kept) {
            theirs.clear();
            for (Relationship r : c.user().getRelationships(Direction.OUTGOING, Names.INTERACTED)) {
                if (Names.liked(r, config)) {
                    theirs.add(r.getEndNode());
                }
            }
            double vote = c.overlap() / Math.sqrt(theirs.size());
            for (Node i : theirs) {
                terms.computeIfAbsent(i, n -> new double[4])[0] += vote;
            }
        }
    }

    private void knowledgeGraph(Set<Node> seeds, RecConfig config, Map<Node, double[]> terms) {
        if (config.weights().kg() == 0) {
            return;
        }
        // an entity that several seeds share (a genre of many liked items) is read once per request
        Map<Node, EntityItems> entities = new HashMap<>();
        for (Node h : seeds) {
            for (Relationship r : Names.structural(h)) {
                if (!Names.kgEdge(r)) {
                    continue;
                }
                EntityItems e = entities.computeIfAbsent(r.getOtherNode(h), n -> EntityItems.of(n, config.hubDegree()));
                for (Node cand : e.items()) {
                    if (!cand.equals(h)) {
                        terms.computeIfAbsent(cand, n -> new double[4])[1] += e.weight();
                    }
                }
            }
        }
    }

    /** A co-liker and its overlap with the user; its internal id is the tie-break. */
    private record CoLiker(Node user, int overlap) {
        @SuppressWarnings("deprecation") // the internal id: a number, compared as the serving engine compares it
        long key() {
            return user.getId();
        }
    }

    /**
     * The items a KG entity links (over KG relationships, in the store's order, once per relationship)
     * and its weight {@code 1 / ln(2 + degree)}; none for a hub (more than {@code hubDegree} relationships).
     */
    private record EntityItems(double weight, Node[] items) {
        private static final EntityItems HUB = new EntityItems(0, new Node[0]);

        static EntityItems of(Node e, int hubDegree) {
            int degree = e.getDegree();
            if (degree > hubDegree) {
                return HUB;
            }
            List<Node> items = new ArrayList<>();
            for (Relationship r : Names.structural(e)) {
                Node cand = r.getOtherNode(e);
                if (Names.kgEdge(r) && cand.hasLabel(Names.ITEM)) {
                    items.add(cand);
                }
            }
            return new EntityItems(1.0 / Math.log(2.0 + degree), items.toArray(Node[]::new));
        }
    }

    /** Nearest items by text vector; stores the cosine in the content term. */
    private void nearestByText(float[] vector, int n, Map<Node, double[]> terms, Node self) {
        if (!textIndexOnline()) {
            return;
        }
        try (Result rows = tx.execute("CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node, score "
                        + "MATCH (item:Item)-[:HAS_TEXT]->(node) RETURN item, score",
                Map.of("index", Names.TEXT_INDEX, "n", (long) Math.min(n, 10_000), "vector", vector))) {
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                Node item = (Node) row.get("item");
                if (!item.equals(self)) {
                    // Neo4j reports cosine similarity as (1 + cos) / 2
                    double cos = 2.0 * ((Number) row.get("score")).doubleValue() - 1.0;
                    terms.computeIfAbsent(item, x -> new double[4])[2] = Math.max(0.0, cos);
                }
            }
        }
    }

    private boolean textIndexOnline() {
        Schema schema = tx.schema();
        try {
            IndexDefinition index = schema.getIndexByName(Names.TEXT_INDEX);
            return schema.getIndexState(index) == Schema.IndexState.ONLINE;
        } catch (IllegalArgumentException missing) {
            return false;
        }
    }

    private void popular(int n, Map<Node, double[]> terms) {
        try (Result rows = tx.execute("MATCH (i:Item) WHERE i.popularity IS NOT NULL "
                + "RETURN i ORDER BY i.popularity DESC, i.id ASC LIMIT $n", Map.of("n", (long) n))) {
            while (rows.hasNext()) {
                terms.computeIfAbsent((Node) rows.next().get("i"), x -> new double[4]);
            }
        }
    }

    /** The item's text vector (its {@code HAS_TEXT} content's embedding), or null. */
    static float[] textVector(Node item) {
        for (Relationship r : item.getRelationships(Direction.OUTGOING, Names.HAS_TEXT)) {
            float[] v = Names.vector(r.getEndNode().getProperty("embedding", null));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static float[] meanTextVector(Set<Node> items) {
        float[] sum = null;
        for (Node i : items) {
            float[] v = textVector(i);
            if (v == null || (sum != null && v.length != sum.length)) {
                continue;
            }
            if (sum == null) {
                sum = new float[v.length];
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            double scale = norm == 0 ? 0 : 1.0 / Math.sqrt(norm);
            for (int d = 0; d < v.length; d++) {
                sum[d] += (float) (v[d] * scale);
            }
        }
        return sum;
    }

    private Set<Node> filterNodes(RecConfig config) {
        Set<Node> nodes = new HashSet<>();
        for (String id : config.entities()) {
            Node e = tx.findNode(Names.ENTITY, "entityId", id);
            if (e == null) {
                throw new BadConfig("config.entities", "no KG entity with id `" + id + "`");
            }
            nodes.add(e);
        }
        for (String name : config.tags()) {
            try (ResourceIterator<Node> tags = tx.findNodes(Names.TAG, "name", name)) {
                if (!tags.hasNext()) {
                    throw new BadConfig("config.tags", "no tag named `" + name + "`");
                }
                tags.forEachRemaining(nodes::add);
            }
        }
        return nodes;
    }

    private static boolean passes(Node item, Set<Node> filter) {
        if (filter.isEmpty()) {
            return true;
        }
        for (Relationship r : Names.structural(item)) {
            if (filter.contains(r.getOtherNode(item))) {
                return true;
            }
        }
        return false;
    }

    /** Normalises cf, kg and pop over the candidates, weighs the terms and keeps the best k. */
    private static List<Scored> top(Map<Node, double[]> terms, int k, RecConfig.Weights w, boolean withPop) {
        double maxCf = 0, maxKg = 0, maxPop = 0;
        for (Map.Entry<Node, double[]> e : terms.entrySet()) {
            double[] t = e.getValue();
            if (withPop) {
                t[3] = logPopularity(e.getKey());
            }
            maxCf = Math.max(maxCf, t[0]);
            maxKg = Math.max(maxKg, t[1]);
            maxPop = Math.max(maxPop, t[3]);
        }
        double[] weights = {w.cf(), w.kg(), w.content(), w.pop()};
        double[] scale = {maxCf > 0 ? 1 / maxCf : 0, maxKg > 0 ? 1 / maxKg : 0, 1, maxPop > 0 ? 1 / maxPop : 0};
        PriorityQueue<Ranked> best = new PriorityQueue<>(WORST_FIRST);
        for (Map.Entry<Node, double[]> e : terms.entrySet()) {
            double[] t = e.getValue();
            double score = 0;
            int source = 3;
            double strongest = -1;
            for (int j = 0; j < 4; j++) {
                double part = weights[j] * t[j] * scale[j];
                score += part;
                if (part > strongest) {
                    strongest = part;
                    source = j;
                }
            }
            Ranked r = new Ranked(e.getKey(), score, strongest > 0 ? TERMS[source] : "popular");
            if (best.size() < k) {
                best.add(r);
            } else if (WORST_FIRST.compare(r, best.peek()) > 0) {
                best.poll();
                best.add(r);
            }
        }
        List<Ranked> ranked = new ArrayList<>(best);
        ranked.sort(WORST_FIRST.reversed());
        List<Scored> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(r.scored());
        }
        return out;
    }
}
