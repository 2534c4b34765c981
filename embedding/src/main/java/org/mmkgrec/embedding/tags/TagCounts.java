package org.mmkgrec.embedding.tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tag counts of a set of posts: per user, per item (sparse, tag indexes ascending) and over all
 * posts. Built from the training posts only, so no model counts a validation or test tag.
 *
 * <p>A user's counts can also weigh recent posts more ({@link #user(int, double)}): with half-life
 * {@code h}, a post followed by {@code a} later posts of the same user counts {@code 2^(-a/h)}
 * (the latest 1). People's tag vocabularies drift, and the posts to predict are the latest ones.
 */
public final class TagCounts {
    /** Tag indexes and their counts of one user or item. */
    public record Sparse(int[] tags, double[] counts) {
        static final Sparse EMPTY = new Sparse(new int[0], new double[0]);
    }

    /** Co-entity neighbours read per item, most shared entities first (the service reads as many). */
    public static final int NEIGHBOURS = 50;

    private final TagData corpus;
    private final Sparse[] users;
    private final Sparse[] items;
    private final Sparse[] neighbourCounts;
    public final double[] global;
    /** Each user's posts in time order (by day, undated first, then item index: the split's order). */
    private final List<List<TagData.Post>> byUser = new ArrayList<>();
    /** Each user's post position by item (a user has one post per item). */
    private final List<Map<Integer, Integer>> positions = new ArrayList<>();
    private final Map<Double, Sparse[]> recent = new ConcurrentHashMap<>();


    public TagCounts(TagData corpus, List<TagData.Post> posts) {
        this.corpus = corpus;
        neighbourCounts = new Sparse[corpus.itemCount()];
        users = sparse(corpus.userCount(), posts, true);
        items = sparse(corpus.itemCount(), posts, false);
        global = new double[corpus.tagCount()];
        for (TagData.Post p : posts) {
            for (int t : p.tags()) {
                global[t]++;
            }
        }
        for (int u = 0; u < corpus.userCount(); u++) {
            byUser.add(new ArrayList<>());
        }
        posts.forEach(p -> byUser.get(p.user()).add(p));
        for (List<TagData.Post> ps : byUser) {
            ps.sort(TagData.TIME_ORDER);
            Map<Integer, Integer> at = new HashMap<>();
            for (int k = 0; k < ps.size(); k++) {
                if (at.put(ps.get(k).item(), k) != null) {
                    throw new IllegalArgumentException("user index " + ps.get(k).user() + " has two posts on item index "
                            + ps.get(k).item() + "; a post is all of a user's tags on one item");
                }
            }
            positions.add(at);
        }
    }

    /**
     * The user's tag counts with each post weighted by recency, {@code 2^(-a / halfLife)} for a post
     * followed by {@code a} later posts of the user; {@code halfLife} 0: the plain counts.
     */
    public Sparse user(int u, double halfLife) {
        if (halfLife == 0) {
            return users[u];
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("a recency half-life must be >= 0 posts, was " + halfLife);
        }
        Sparse[] cache = recent.computeIfAbsent(halfLife, h -> new Sparse[users.length]);
        Sparse s = cache[u];
        if (s == null) {
            List<TagData.Post> ps = byUser.get(u);
            s = decayed(ps, ps.size(), halfLife);
            cache[u] = s; // benign race: equal values, an immutable record
        }
        return s;
    }

    /**
     * The recency-weighted counts ({@link #user(int, double)}) of the posts {@code user} made before
     * their post on {@code item}, ages counted from it: what the user's habits were when they wrote it.
     */
    public Sparse userBefore(int user, int item, double halfLife) {
        return decayed(byUser.get(user), position(user, item), halfLife);
    }

    /** The weight of the user's post on {@code item} in {@link #user(int, double)}: 1 for their latest post. */
    public double weight(int user, int item, double halfLife) {
        if (halfLife == 0) {
            return 1;
        }
        return Math.pow(2, -(byUser.get(user).size() - 1 - position(user, item)) / halfLife);
    }

    private int position(int user, int item) {
        Integer k = positions.get(user).get(item);
        if (k == null) {
            throw new IllegalArgumentException("no post of user index " + user + " on item index " + item
                    + " among these counts' posts");
        }
        return k;
    }

    /** The counts of the first {@code n} posts, post {@code k} weighted {@code 2^(-(n - 1 - k) / h)}. */
    private static Sparse decayed(List<TagData.Post> ps, int n, double halfLife) {
        Map<Integer, Double> sum = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            double w = halfLife == 0 ? 1 : Math.pow(2, -(n - 1 - k) / halfLife);
            for (int t : ps.get(k).tags()) {
                sum.merge(t, w, Double::sum);
            }
        }
        return sparse(sum);
    }

    private static Sparse sparse(Map<Integer, Double> sum) {
        return new Sparse(sum.keySet().stream().mapToInt(Integer::intValue).toArray(),
                sum.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    public Sparse user(int u) {
        return users[u];
    }

    public Sparse item(int i) {
        return items[i];
    }

    /**
     * The tag counts of an item's co-entity neighbours (the first {@link #NEIGHBOURS}), each
     * weighted by the entities it shares with the item; computed once per item.
     */
    public Sparse neighbours(int item) {
        Sparse cached = neighbourCounts[item];
        if (cached != null) {
            return cached;
        }
        Map<Integer, Double> sum = new TreeMap<>();
        int[] ns = corpus.neighbours[item];
        for (int k = 0; k < Math.min(NEIGHBOURS, ns.length); k++) {
            Sparse s = items[ns[k]];
            int shared = corpus.neighbourShared[item][k];
            for (int j = 0; j < s.tags().length; j++) {
                sum.merge(s.tags()[j], s.counts()[j] * shared, Double::sum);
            }
        }
        Sparse out = sparse(sum);
        neighbourCounts[item] = out; // benign race: equal values, an immutable record
        return out;
    }

    /** The count of {@code tag} in a sparse source (0 when absent). */
    static double count(Sparse s, int tag) {
        int k = java.util.Arrays.binarySearch(s.tags(), tag);
        return k >= 0 ? s.counts()[k] : 0;
    }

    /** The sum of a sparse source's counts. */
    static double total(Sparse s) {
        double sum = 0;
        for (double c : s.counts()) {
            sum += c;
        }
        return sum;
    }

    /** Every tag index with a non-zero global count, as a sparse source. */
    public Sparse globalSparse() {
        int n = 0;
        for (double g : global) {
            n += g > 0 ? 1 : 0;
        }
        int[] tags = new int[n];
        double[] counts = new double[n];
        for (int t = 0, k = 0; t < global.length; t++) {
            if (global[t] > 0) {
                tags[k] = t;
                counts[k++] = global[t];
            }
        }
        return new Sparse(tags, counts);
    }

    private static Sparse[] sparse(int n, List<TagData.Post> posts, boolean byUser) {
        @SuppressWarnings("unchecked")
        Map<Integer, Double>[] maps = new Map[n];
        for (TagData.Post p : posts) {
            int owner = byUser ? p.user() : p.item();
            if (maps[owner] == null) {
                maps[owner] = new TreeMap<>();
            }
            for (int t : p.tags()) {
                maps[owner].merge(t, 1.0, Double::sum);
            }
        }
        Sparse[] out = new Sparse[n];
        for (int o = 0; o < n; o++) {
            if (maps[o] == null) {
                out[o] = Sparse.EMPTY;
                continue;
            }
            out[o] = new Sparse(maps[o].keySet().stream().mapToInt(Integer::intValue).toArray(),
                    maps[o].values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }
}
