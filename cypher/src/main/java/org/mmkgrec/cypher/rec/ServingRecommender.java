package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@link GraphRecommender}'s scores and {@link Explainer}'s paths computed on a {@link ServingGraph}:
 * the same terms, weights, candidate sources, filters and path weights, on dense indexes and
 * primitive arrays with per-thread scratch space, so a request costs what it touches and never reads
 * the store. Two differences, both documented in cypher/README.md: content and trained-model
 * candidates come from an exact scan of the vectors (the store path asks an approximate HNSW index),
 * and ties are broken by internal ids where the store path compares element-id strings.
 */
final class ServingRecommender {
    private static final String[] TERMS = {"cf", "kg", "content", "popular"};

    /** One path: its nodes from the user to the item, and per hop the relationship id, type and direction. */
    record PathHit(double weight, int[] nodes, long[] rels, String[] types, boolean[] forward) {}

    /** One recommended item with its explanation paths. */
    record Hit(int item, double score, String source, List<PathHit> paths) {}

    /** The answer: the model that answered (a version id or hybrid) and the items, best first. */
    record Answer(String model, List<Hit> hits) {}

    private final ServingGraph g;
    private final Scratch s;

    ServingRecommender(ServingGraph g, Scratch scratch) {
        this.g = g;
        this.s = scratch;
        s.fit(g.size);
    }

    ServingGraph graph() {
        return g;
    }

    /**
     * The model that answers {@code config.model()} for user {@code u}, or null when only the store
     * path can (a version other than the active one).
     */
    String modelFor(int u, RecConfig config) {
        String m = config.model();
        if (m.equals("hybrid")) {
            return "hybrid";
        }
        if (g.active != null && (m.equals("active") || m.equals(g.active.id()))) {
            return g.vec[u] == null ? "hybrid" : g.active.id();
        }
        return m.equals("active") ? "hybrid" : null;
    }

    /** The top-{@code k} for user {@code u}; null when {@link #modelFor} is null. */
    Answer recommend(int u, int k, RecConfig config) {
        String model = modelFor(u, config);
        if (model == null) {
            return null;
        }
        s.next();
        liked(u, config);
        seen(u, config);
        int[] filter = filterNodes(config);
        List<Hit> top = model.equals("hybrid") ? hybrid(u, k, config, filter) : byVector(u, k, config, filter);
        if (!config.explain()) {
            return new Answer(model, top);
        }
        s.indexFrontier(g);
        List<Hit> out = new ArrayList<>(top.size());
        for (Hit h : top) {
            out.add(new Hit(h.item(), h.score(), h.source(), explainIndexed(u, h.item(), config)));
        }
        return new Answer(model, out);
    }

    /** The explanation paths from user {@code u}'s liked items to {@code item}, best first. */
    List<PathHit> explain(int u, int item, RecConfig config) {
        s.next();
        liked(u, config);
        s.indexFrontier(g);
        return explainIndexed(u, item, config);
    }

    /**
     * Items most similar to {@code item} ({@link GraphRecommender#similar}): by text vector (cosine,
     * exact) when it has one, otherwise (or to fill up to k) by shared KG entities; each with the
     * entities the two share.
     */
    List<Hit> similar(int item, int k, RecConfig config) {
        s.next();
        s.candCount = 0;
        float[] vector = g.text[item];
        if (vector != null && vector.length == g.textColumns.dim() && config.contentCandidates() > 0) {
            float[] scores = s.scores(g.textColumns.size());
            g.textColumns.scan(vector, scores);
            Top top = new Top(Math.min(Math.max(k + 1, config.contentCandidates()), 10_000));
            for (int c = 0; c < g.textColumns.size(); c++) {
                int i = g.textColumns.node(c);
                if (i >= 0 && i != item && g.alive[i]) {
                    top.offer(i, scores[c], 2);
                }
            }
            for (Hit h : top.hits(j -> "content")) {
                candidate(h.item());
                s.content[h.item()] = Math.max(0.0, h.score());
            }
        }
        if (s.candCount < k + 1) {
            s.liked = push(s.liked, 0, item);
            s.likedCount = 1;
            knowledgeGraph(config);
        }
        int[] filter = filterNodes(config);
        double kgWeight = vector == null ? 1.0 : 0.01;
        double maxKg = 0;
        int n = 0;
        for (int c = 0; c < s.candCount; c++) {
            int i = s.cand[c];
            if (i != item && g.alive[i] && passes(i, filter)) {
                s.cand[n++] = i;
                maxKg = Math.max(maxKg, s.kg[i]);
            }
        }
        double kgScale = maxKg > 0 ? 1 / maxKg : 0;
        Top top = new Top(k);
        for (int c = 0; c < n; c++) {
            int i = s.cand[c];
            double kg = kgWeight * s.kg[i] * kgScale;
            double content = s.content[i];
            // the stronger term names the source, as in the store path (kg first on a tie)
            top.offer(i, kg + content, content > kg ? 2 : kg > 0 ? 1 : 3);
        }
        return top.hits(j -> TERMS[j]);
    }

    /** {type, id, name, relation, relation2} per KG entity both items link to, by entity id ({@link GraphRecommender#sharedEntities}). */
    List<Map<String, Object>> shared(int a, int b) {
        Map<Integer, String> fromA = new java.util.HashMap<>();
        for (int j = 0; j < g.adjNode[a].length; j++) {
            if (g.kgEdge(g.adjTypeDir[a][j])) {
                fromA.putIfAbsent(g.adjNode[a][j], g.relType(g.adjTypeDir[a][j]));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        java.util.Set<Integer> done = new java.util.HashSet<>();
        for (int j = 0; j < g.adjNode[b].length; j++) {
            int e = g.adjNode[b][j];
            String ra = fromA.get(e);
            if (ra != null && g.kgEdge(g.adjTypeDir[b][j]) && done.add(e)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", ServingGraph.TYPE_NAMES[g.type[e]]);
                m.put("id", g.extId[e]);
                m.put("name", g.name[e]);
                m.put("relation", ra);
                m.put("relation2", g.relType(g.adjTypeDir[b][j]));
                out.add(m);
            }
        }
        out.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("id"))));
        return out;
    }

    // ---- history -------------------------------------------------------------------------------

    /** The user's liked items, each once with its first interaction (relationship-id order). */
    private void liked(int u, RecConfig config) {
        int[] items = g.interNode[u];
        byte[] flags = g.interFlags[u];
        s.likedCount = 0;
        for (int j = 0; j < items.length; j++) {
            int i = items[j];
            if (liked(flags[j], config) && s.likedMark[i] != s.stamp) {
                s.likedMark[i] = s.stamp;
                s.likedRel[i] = g.interRel[u][j];
                s.liked = push(s.liked, s.likedCount++, i);
            }
        }
    }

    private void seen(int u, RecConfig config) {
        int[] items = g.interNode[u];
        byte[] flags = g.interFlags[u];
        s.seenCount = 0;
        for (int j = 0; j < items.length; j++) {
            int i = items[j];
            if (visible(flags[j], config) && s.seenMark[i] != s.stamp) {
                s.seenMark[i] = s.stamp;
                s.seenCount++;
            }
        }
    }

    private static boolean liked(byte flags, RecConfig config) {
        return (flags & ServingGraph.LIKED) != 0 && visible(flags, config);
    }

    private static boolean visible(byte flags, RecConfig config) {
        return !config.trainingOnly() || (flags & ServingGraph.EVAL) == 0;
    }

    // ---- hybrid --------------------------------------------------------------------------------

    private List<Hit> hybrid(int u, int k, RecConfig config, int[] filter) {
        s.candCount = 0;
        collaborative(u, config);
        knowledgeGraph(config);
        if (config.weights().content() > 0 && config.contentCandidates() > 0) {
            content(config.contentCandidates() + s.seenCount);
        }
        for (int f : filter) {
            int[] adj = g.adjNode[f];
            for (int o : adj) {
                if (g.type[o] == ServingGraph.ITEM) {
                    candidate(o);
                }
            }
        }
        if (s.candCount - seenCandidates() < k) {
            int[] order = g.popularityOrder();
            for (int j = 0; j < order.length && j < k + s.seenCount; j++) {
                candidate(order[j]);
            }
        }
        // drop seen and filtered-out candidates, then scale by the maxima over the rest
        int n = 0;
        for (int c = 0; c < s.candCount; c++) {
            int i = s.cand[c];
            if ((config.excludeSeen() && s.seenMark[i] == s.stamp) || !passes(i, filter) || !g.alive[i]) {
                continue;
            }
            s.cand[n++] = i;
        }
        double maxCf = 0, maxKg = 0, maxPop = 0;
        for (int c = 0; c < n; c++) {
            int i = s.cand[c];
            maxCf = Math.max(maxCf, s.cf[i]);
            maxKg = Math.max(maxKg, s.kg[i]);
            maxPop = Math.max(maxPop, logPop(i));
        }
        RecConfig.Weights w = config.weights();
        double[] weights = {w.cf(), w.kg(), w.content(), w.pop()};
        double[] scale = {maxCf > 0 ? 1 / maxCf : 0, maxKg > 0 ? 1 / maxKg : 0, 1, maxPop > 0 ? 1 / maxPop : 0};
        Top top = new Top(k);
        double[] t = new double[4];
        for (int c = 0; c < n; c++) {
            int i = s.cand[c];
            t[0] = s.cf[i];
            t[1] = s.kg[i];
            t[2] = s.content[i];
            t[3] = logPop(i);
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
            top.offer(i, score, strongest > 0 ? source : 3);
        }
        return top.hits(j -> TERMS[j]);
    }

    private int seenCandidates() {
        int n = 0;
        for (int c = 0; c < s.candCount; c++) {
            if (s.seenMark[s.cand[c]] == s.stamp) {
                n++;
            }
        }
        return n;
    }

    private double logPop(int i) {
        double p = g.logPop[i];
        return Double.isNaN(p) ? 0 : p;
    }

    /** Adds {@code i} to the candidates (terms zero) unless it is one already. */
    private void candidate(int i) {
        if (s.candMark[i] != s.stamp) {
            s.candMark[i] = s.stamp;
            s.cf[i] = 0;
            s.kg[i] = 0;
            s.content[i] = 0;
            s.cand = push(s.cand, s.candCount++, i);
        }
    }

    private void collaborative(int u, RecConfig config) {
        if (config.weights().cf() == 0) {
            return;
        }
        int coCount = 0;
        for (int h = 0; h < s.likedCount; h++) {
            int item = s.liked[h];
            int[] likers = g.interNode[item];
            byte[] flags = g.interFlags[item];
            for (int j = 0; j < likers.length; j++) {
                int v = likers[j];
                if (v != u && liked(flags[j], config)) {
                    if (s.userMark[v] != s.stamp) {
                        s.userMark[v] = s.stamp;
                        s.overlap[v] = 0;
                        s.co = push(s.co, coCount++, v);
                    }
                    s.overlap[v]++;
                }
            }
        }
        int kept = coCount;
        if (coCount > config.neighbours()) {
            // largest overlap first, ties by internal id, so the answer is stable
            long[] keys = new long[coCount];
            for (int c = 0; c < coCount; c++) {
                int v = s.co[c];
                keys[c] = ((long) (Integer.MAX_VALUE - s.overlap[v]) << 32) | v;
            }
            Arrays.sort(keys);
            for (int c = 0; c < coCount; c++) {
                s.co[c] = (int) keys[c];
            }
            kept = config.neighbours();
        }
        for (int c = 0; c < kept; c++) {
            int v = s.co[c];
            int[] theirs = g.interNode[v];
            byte[] flags = g.interFlags[v];
            int count = 0;
            for (byte f : flags) {
                if (liked(f, config)) {
                    count++;
                }
            }
            double vote = s.overlap[v] / Math.sqrt(count);
            for (int j = 0; j < theirs.length; j++) {
                if (liked(flags[j], config)) {
                    int i = theirs[j];
                    candidate(i);
                    s.cf[i] += vote;
                }
            }
        }
    }

    private void knowledgeGraph(RecConfig config) {
        if (config.weights().kg() == 0) {
            return;
        }
        for (int h = 0; h < s.likedCount; h++) {
            int item = s.liked[h];
            int[] adj = g.adjNode[item];
            int[] td = g.adjTypeDir[item];
            for (int j = 0; j < adj.length; j++) {
                if (!g.kgEdge(td[j])) {
                    continue;
                }
                int e = adj[j];
                int degree = g.liveDegree[e];
                if (degree > config.hubDegree()) {
                    continue;
                }
                double weight = 1.0 / Math.log(2.0 + degree);
                int[] eAdj = g.adjNode[e];
                int[] eTd = g.adjTypeDir[e];
                for (int x = 0; x < eAdj.length; x++) {
                    int cand = eAdj[x];
                    if (cand != item && g.type[cand] == ServingGraph.ITEM && g.kgEdge(eTd[x])) {
                        candidate(cand);
                        s.kg[cand] += weight;
                    }
                }
            }
        }
    }

    /** Cosine to the mean of the liked items' unit text vectors, exact, for the {@code n} nearest items. */
    private void content(int n) {
        VectorColumns columns = g.textColumns;
        int dim = columns.dim();
        if (dim == 0) {
            return;
        }
        float[] profile = null;
        for (int h = 0; h < s.likedCount; h++) {
            float[] v = g.text[s.liked[h]];
            if (v == null || v.length != dim) {
                continue;
            }
            if (profile == null) {
                profile = new float[dim];
            }
            for (int d = 0; d < dim; d++) {
                profile[d] += v[d];
            }
        }
        if (profile == null) {
            return;
        }
        double norm = 0;
        for (float x : profile) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return;
        }
        float[] scores = s.scores(columns.size());
        columns.scan(profile, scores);
        Top top = new Top(Math.min(n, 10_000));
        for (int c = 0; c < columns.size(); c++) {
            int i = columns.node(c);
            if (i >= 0 && g.alive[i]) {
                top.offer(i, scores[c] / norm, 2);
            }
        }
        for (Hit h : top.hits(j -> "content")) {
            candidate(h.item());
            s.content[h.item()] = Math.max(0.0, h.score());
        }
    }

    // ---- trained version -----------------------------------------------------------------------

    /** The exact top-k by the version's dot product over every item with a vector (one column scan). */
    private List<Hit> byVector(int u, int k, RecConfig config, int[] filter) {
        VectorColumns columns = g.vecColumns;
        float[] q = Arrays.copyOf(g.vec[u], columns.dim()); // the dot product over the shorter of the two
        float[] scores = s.scores(columns.size());
        columns.scan(q, scores);
        Top top = new Top(k);
        for (int c = 0; c < columns.size(); c++) {
            if (scores[c] < top.bar) {
                continue; // below the k-th best so far: most columns stop here
            }
            int i = columns.node(c);
            if (i < 0 || !g.alive[i] || (config.excludeSeen() && s.seenMark[i] == s.stamp) || !passes(i, filter)) {
                continue;
            }
            top.offer(i, scores[c], 0);
        }
        String source = g.active.model();
        return top.hits(j -> source);
    }

    // ---- filters -------------------------------------------------------------------------------

    private int[] filterNodes(RecConfig config) {
        if (!config.filtered()) {
            return new int[0];
        }
        List<Integer> nodes = new ArrayList<>();
        for (String id : config.entities()) {
            Integer e = g.entities.get(id);
            if (e == null) {
                throw new BadConfig("config.entities", "no KG entity with id `" + id + "`");
            }
            nodes.add(e);
        }
        for (String name : config.tags()) {
            List<Integer> tags = g.tags.get(name);
            if (tags == null || tags.isEmpty()) {
                throw new BadConfig("config.tags", "no tag named `" + name + "`");
            }
            nodes.addAll(tags);
        }
        int[] out = nodes.stream().mapToInt(Integer::intValue).distinct().toArray();
        for (int f : out) {
            s.filterMark[f] = s.stamp;
        }
        return out;
    }

    private boolean passes(int item, int[] filter) {
        if (filter.length == 0) {
            return true;
        }
        for (int o : g.adjNode[item]) {
            if (s.filterMark[o] == s.stamp) {
                return true;
            }
        }
        return false;
    }

    // ---- explanations --------------------------------------------------------------------------

    /** A path found: history-side relationship first; {@code slots} index the owners' adjacency arrays. */
    private record Found(int unnamed, double weight, int history, int[] owners, int[] slots, long[] key) {}

    private static final java.util.Comparator<Found> WORST_FIRST =
            java.util.Comparator.comparingInt(Found::unnamed).reversed().thenComparingDouble(Found::weight);

    private List<PathHit> explainIndexed(int u, int item, RecConfig config) {
        int maxHops = config.maxHops();
        int maxPaths = config.maxPaths();
        PriorityQueue<Found> best = new PriorityQueue<>(WORST_FIRST);
        int[] adj0 = g.adjNode[item];
        for (int j0 = 0; j0 < adj0.length; j0++) {
            int n1 = adj0[j0];
            double hop0 = g.adjHop[item][j0];
            if (s.likedMark[n1] == s.stamp) {
                if (n1 != item && admits(best, maxPaths, 0, hop0)) {
                    offer(best, maxPaths, new Found(0, hop0, n1, new int[] {item}, new int[] {j0},
                            new long[] {g.adjRel[item][j0]}));
                }
                continue;
            }
            if (maxHops < 2) {
                continue;
            }
            double w1 = hop0 * idf(n1);
            int unnamed1 = g.name[n1] == null ? 1 : 0;
            if (s.frontierMark[n1] == s.stamp) {
                for (int st = s.frontierHead[n1]; st >= 0; st = s.stepNext[st]) {
                    int h = s.stepHistory[st];
                    if (h != item) {
                        double w = w1 * g.adjHop[h][s.stepSlot[st]];
                        if (admits(best, maxPaths, unnamed1, w)) {
                            offer(best, maxPaths, new Found(unnamed1, w, h, new int[] {h, item},
                                    new int[] {s.stepSlot[st], j0},
                                    new long[] {g.adjRel[h][s.stepSlot[st]], g.adjRel[item][j0]}));
                        }
                    }
                }
            }
            if (maxHops < 3 || g.idfDegree[n1] > config.hubDegree()) {
                continue;
            }
            int[] adj1 = g.adjNode[n1];
            for (int j1 = 0; j1 < adj1.length; j1++) {
                int n2 = adj1[j1];
                if (s.frontierMark[n2] != s.stamp || n2 == item || s.likedMark[n2] == s.stamp) {
                    continue;
                }
                double w2 = w1 * g.adjHop[n1][j1] * idf(n2);
                int unnamed = unnamed1 + (g.name[n2] == null ? 1 : 0);
                for (int st = s.frontierHead[n2]; st >= 0; st = s.stepNext[st]) {
                    int h = s.stepHistory[st];
                    if (h != item && h != n1) {
                        double w = w2 * g.adjHop[h][s.stepSlot[st]];
                        if (admits(best, maxPaths, unnamed, w)) {
                            offer(best, maxPaths, new Found(unnamed, w, h, new int[] {h, n1, item},
                                    new int[] {s.stepSlot[st], j1, j0},
                                    new long[] {g.adjRel[h][s.stepSlot[st]], g.adjRel[n1][j1], g.adjRel[item][j0]}));
                        }
                    }
                }
            }
        }
        List<Found> found = new ArrayList<>(best);
        found.sort(WORST_FIRST.reversed().thenComparing(Found::key, Arrays::compare));
        List<PathHit> out = new ArrayList<>(found.size());
        for (Found f : found) {
            out.add(path(u, f));
        }
        return out;
    }

    private double idf(int n) {
        return 1.0 / Math.log(2.0 + g.idfDegree[n]);
    }

    /** Whether a path of this rank would be kept (what {@link #offer} decides), before building it. */
    private static boolean admits(PriorityQueue<Found> best, int max, int unnamed, double weight) {
        if (best.size() < max) {
            return true;
        }
        Found worst = best.peek();
        return unnamed < worst.unnamed() || (unnamed == worst.unnamed() && weight > worst.weight());
    }

    private static void offer(PriorityQueue<Found> best, int max, Found f) {
        if (best.size() < max) {
            best.add(f);
        } else if (WORST_FIRST.compare(best.peek(), f) < 0) {
            best.poll();
            best.add(f);
        }
    }

    /**
     * The path user -INTERACTED-> history -> ... -> item. Each structural hop is stored on its owner
     * (the history item, then the nodes nearer the item); the path walks from the history side.
     */
    private PathHit path(int u, Found f) {
        int hops = f.owners().length;
        int[] nodes = new int[hops + 2];
        long[] rels = new long[hops + 1];
        String[] types = new String[hops + 1];
        boolean[] forward = new boolean[hops + 1];
        nodes[0] = u;
        nodes[1] = f.history();
        rels[0] = s.likedRel[f.history()];
        types[0] = "INTERACTED";
        forward[0] = true;
        for (int j = 0; j < hops; j++) {
            int owner = f.owners()[j];
            int slot = f.slots()[j];
            int other = g.adjNode[owner][slot];
            boolean ownerIsStart = (g.adjTypeDir[owner][slot] & 1) == 1;
            // a hop leaves its owner when the owner is where the path stands (the history item's
            // own hop); otherwise it arrives at its owner (the hops stored on the explained side)
            boolean leaves = owner == nodes[j + 1];
            nodes[j + 2] = leaves ? other : owner;
            rels[j + 1] = g.adjRel[owner][slot];
            types[j + 1] = g.relType(g.adjTypeDir[owner][slot]);
            forward[j + 1] = leaves == ownerIsStart;
        }
        return new PathHit(f.weight(), nodes, rels, types, forward);
    }

    // ---- output as plain values ----------------------------------------------------------------

    /** {weight, text, hops} as {@link Explanation#toMap} writes it. */
    Map<String, Object> toMap(PathHit p) {
        List<Map<String, Object>> hops = new ArrayList<>(p.rels().length);
        for (int j = 0; j < p.rels().length; j++) {
            Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("from", ref(p.nodes()[j], p, j));
            hop.put("relation", p.types()[j]);
            hop.put("forward", p.forward()[j]);
            hop.put("to", ref(p.nodes()[j + 1], p, j));
            hops.add(hop);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight", p.weight());
        m.put("text", text(p));
        m.put("hops", hops);
        return m;
    }

    /** {type, id, name, kind} of node {@code n} on hop {@code j} ({@link Names#ref(org.neo4j.graphdb.Node, org.neo4j.graphdb.Relationship)}). */
    private Map<String, Object> ref(int n, PathHit p, int j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", ServingGraph.TYPE_NAMES[g.type[n]]);
        m.put("id", g.extId[n]);
        m.put("name", g.name[n]);
        m.put("kind", kind(n, p, j));
        return m;
    }

    /** What an unnamed entity is, read from hop {@code j}'s relation; null for a named node or another type. */
    private String kind(int n, PathHit p, int j) {
        if (g.name[n] != null || g.type[n] != ServingGraph.ENTITY) {
            return null;
        }
        // the hop's end node: the "to" side when walked forward
        boolean isEnd = (p.nodes()[j + 1] == n) == p.forward()[j];
        return Names.kind(p.types()[j], isEnd);
    }

    private String label(int n, PathHit p, int j) {
        String name = g.name[n];
        if (name != null) {
            return name;
        }
        String plain = ServingGraph.TYPE_NAMES[g.type[n]] + " " + g.extId[n];
        if (g.type[n] != ServingGraph.ENTITY) {
            return plain;
        }
        String kind = j < 0 ? null : kind(n, p, j);
        return kind == null ? "unnamed " + plain : "unnamed " + kind + " (" + plain + ")";
    }

    /** The sentence of {@link Explanation#text}. */
    private String text(PathHit p) {
        int[] nodes = p.nodes();
        StringBuilder sb = new StringBuilder();
        sb.append("You liked ").append(label(nodes[1], p, -1)).append("; ").append(label(nodes[1], p, -1));
        for (int j = 1; j < p.rels().length; j++) {
            boolean fwd = p.forward()[j];
            sb.append(fwd ? " -[" : " <-[").append(p.types()[j]).append(fwd ? "]-> " : "]- ")
                    .append(label(nodes[j + 1], p, j));
        }
        return sb.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static int[] push(int[] a, int at, int v) {
        if (at == a.length) {
            a = Arrays.copyOf(a, Math.max(16, a.length * 2));
        }
        a[at] = v;
        return a;
    }

    /** Best {@code k} by score, ties by the item's id (smaller first), as the store path ranks. */
    private final class Top {
        private final int k;
        private final PriorityQueue<long[]> heap; // {index, score bits, source}
        private final java.util.Comparator<long[]> worstFirst = (a, b) -> {
            int c = Double.compare(Double.longBitsToDouble(a[1]), Double.longBitsToDouble(b[1]));
            return c != 0 ? c : compareIds((int) b[0], (int) a[0]);
        };

        Top(int k) {
            this.k = k;
            this.heap = new PriorityQueue<>(Math.max(1, Math.min(k, 1024)), worstFirst);
        }

        /** The worst kept score once k are kept (else -infinity): most offers of a scan stop at this comparison. */
        double bar = Double.NEGATIVE_INFINITY;

        void offer(int i, double score, int source) {
            if (score < bar) {
                return;
            }
            if (heap.size() >= k) {
                if (k == 0) {
                    return;
                }
                long[] worst = heap.peek();
                double w = Double.longBitsToDouble(worst[1]);
                // not better than the worst kept: rejected without allocating (most items, on a scan)
                if (score < w || (score == w && compareIds(i, (int) worst[0]) >= 0)) {
                    return;
                }
                heap.poll();
            }
            heap.add(new long[] {i, Double.doubleToLongBits(score), source});
            if (heap.size() >= k) {
                bar = Double.longBitsToDouble(heap.peek()[1]);
            }
        }

        List<Hit> hits(java.util.function.IntFunction<String> source) {
            List<long[]> all = new ArrayList<>(heap);
            all.sort(worstFirst.reversed());
            List<Hit> out = new ArrayList<>(all.size());
            for (long[] e : all) {
                out.add(new Hit((int) e[0], Double.longBitsToDouble(e[1]), source.apply((int) e[2]), List.of()));
            }
            return out;
        }
    }

    private int compareIds(int a, int b) {
        return String.valueOf(g.extId[a]).compareTo(String.valueOf(g.extId[b]));
    }

    /** Per-thread working arrays, indexed by node, valid where their mark equals the request's stamp. */
    static final class Scratch {
        int stamp;
        int[] likedMark = new int[0], seenMark = new int[0], candMark = new int[0], userMark = new int[0],
                filterMark = new int[0], frontierMark = new int[0], frontierHead = new int[0], overlap = new int[0];
        long[] likedRel = new long[0];
        double[] cf = new double[0], kg = new double[0], content = new double[0];
        private float[] scores = new float[0];

        /** A scratch array for {@code n} column scores. */
        float[] scores(int n) {
            if (scores.length < n) {
                scores = new float[Math.max(n, scores.length * 2)];
            }
            return scores;
        }
        int[] liked = new int[16], cand = new int[64], co = new int[64];
        int likedCount, seenCount, candCount;
        int[] stepHistory = new int[64], stepSlot = new int[64], stepNext = new int[64];

        void fit(int n) {
            if (likedMark.length >= n) {
                return;
            }
            int c = Math.max(n, likedMark.length * 2);
            likedMark = new int[c];
            seenMark = new int[c];
            candMark = new int[c];
            userMark = new int[c];
            filterMark = new int[c];
            frontierMark = new int[c];
            frontierHead = new int[c];
            overlap = new int[c];
            likedRel = new long[c];
            cf = new double[c];
            kg = new double[c];
            content = new double[c];
            stamp = 0;
        }

        void next() {
            if (++stamp == Integer.MAX_VALUE) {
                stamp = 1;
                for (int[] a : new int[][] {likedMark, seenMark, candMark, userMark, filterMark, frontierMark}) {
                    Arrays.fill(a, 0);
                }
            }
        }

        /** The 1-hop structural neighbourhood of every liked item: neighbour -> (history item, slot). */
        void indexFrontier(ServingGraph g) {
            int steps = 0;
            for (int h = 0; h < likedCount; h++) {
                int item = liked[h];
                int[] adj = g.adjNode[item];
                for (int j = 0; j < adj.length; j++) {
                    int o = adj[j];
                    if (steps == stepHistory.length) {
                        int c = steps * 2;
                        stepHistory = Arrays.copyOf(stepHistory, c);
                        stepSlot = Arrays.copyOf(stepSlot, c);
                        stepNext = Arrays.copyOf(stepNext, c);
                    }
                    stepHistory[steps] = item;
                    stepSlot[steps] = j;
                    stepNext[steps] = frontierMark[o] == stamp ? frontierHead[o] : -1;
                    frontierMark[o] = stamp;
                    frontierHead[o] = steps++;
                }
            }
        }
    }
}
