package org.mmkgrec.embedding.tags;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tag counts of a set of posts: per user, per item (sparse, tag indexes ascending) and over all
 * posts. Built from the training posts only, so no model counts a validation or test tag.
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
        Sparse out = new Sparse(sum.keySet().stream().mapToInt(Integer::intValue).toArray(),
                sum.values().stream().mapToDouble(Double::doubleValue).toArray());
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
