package org.mmkgrec.embedding.eval;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Labelled (user, item) rows grouped by user, so that a model is asked once per user for the scores
 * of just that user's items ({@link Recommender#scores(int, int[])}) and no row of every item's score
 * is kept between users: how the CTR protocol and the eval AUC score their pairs. Users are asked in
 * the order of their first row; the scores come back in row order.
 *
 * <p>Keeping each user's full score row until all pairs were scored cost users x items floats
 * (2.7 GB on a 10x Last.FM set); a user's row is needed for its own pairs only.
 */
public final class UserPairs {
    private final int rows;
    /** The distinct users, in the order of their first row. */
    private final int[] users;
    /** Offsets of each user's group in {@link #order} and {@link #items}; {@code users.length + 1} long. */
    private final int[] start;
    /** Row indexes grouped by user, in row order within a group. */
    private final int[] order;
    /** The item of each entry of {@link #order}. */
    private final int[] items;

    private UserPairs(int rows, int[] users, int[] start, int[] order, int[] items) {
        this.rows = rows;
        this.users = users;
        this.start = start;
        this.order = order;
        this.items = items;
    }

    /** The rows {@code (users[k], items[k])}; user and item indexes are non-negative. */
    public static UserPairs of(int[] users, int[] items) {
        if (users.length != items.length) {
            throw new IllegalArgumentException("users and items of the pairs differ in length: " + users.length + ", " + items.length);
        }
        int n = users.length;
        int maxUser = -1;
        for (int u : users) {
            maxUser = Math.max(maxUser, u);
        }
        int[] group = new int[maxUser + 1];
        Arrays.fill(group, -1);
        int[] distinct = new int[n];
        int[] count = new int[n];
        int groups = 0;
        for (int u : users) {
            if (group[u] < 0) {
                group[u] = groups;
                distinct[groups++] = u;
            }
            count[group[u]]++;
        }
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + count[g];
        }
        int[] next = Arrays.copyOf(start, groups);
        int[] order = new int[n];
        int[] grouped = new int[n];
        for (int k = 0; k < n; k++) {
            int at = next[group[users[k]]]++;
            order[at] = k;
            grouped[at] = items[k];
        }
        return new UserPairs(n, Arrays.copyOf(distinct, groups), start, order, grouped);
    }

    /** The rows of {@code first} followed by those of {@code second}: scored together, each user is asked once. */
    public static UserPairs concat(int[] firstUsers, int[] firstItems, int[] secondUsers, int[] secondItems) {
        return of(concat(firstUsers, secondUsers), concat(firstItems, secondItems));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Number of rows. */
    public int size() {
        return rows;
    }

    /** Number of distinct users, each asked once. */
    public int userCount() {
        return users.length;
    }

    /** Every row's score by {@code model}, in row order: one {@link Recommender#scores(int, int[])} call per user. */
    public double[] scores(Recommender model) {
        double[] out = new double[rows];
        for (int g = 0; g < users.length; g++) {
            int[] asked = Arrays.copyOfRange(items, start[g], start[g + 1]);
            float[] s = model.scores(users[g], asked);
            if (s.length != asked.length) {
                throw new IllegalStateException(model.name() + " returned " + s.length + " scores for " + asked.length + " items");
            }
            for (int j = 0; j < s.length; j++) {
                out[order[start[g] + j]] = s[j];
            }
        }
        return out;
    }

    /**
     * Every row's score from a scorer of all items, in row order: one call per user, its row read for
     * that user's pairs and dropped.
     */
    public double[] scores(IntFunction<float[]> allItems) {
        double[] out = new double[rows];
        for (int g = 0; g < users.length; g++) {
            float[] s = allItems.apply(users[g]);
            for (int at = start[g]; at < start[g + 1]; at++) {
                out[order[at]] = s[items[at]];
            }
        }
        return out;
    }
}
