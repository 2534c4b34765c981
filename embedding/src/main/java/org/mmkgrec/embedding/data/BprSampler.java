package org.mmkgrec.embedding.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BPR training triples: each epoch visits every training positive (user, item) once in a new random
 * order, each paired with a negative item drawn uniformly among the items the user has not liked,
 * in batches. One seeded {@link Random} drives order and negatives, so a seed fixes the sequence.
 */
public final class BprSampler {

    /** One batch of (user, positive, negative) index triples. */
    public record Batch(int[] users, int[] positives, int[] negatives) {
        public int size() {
            return users.length;
        }

        /** The item indexes shifted by {@code offset} (models that number users and items in one range). */
        public Batch offsetItems(int offset) {
            int[] p = new int[positives.length];
            int[] n = new int[negatives.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = positives[k] + offset;
                n[k] = negatives[k] + offset;
            }
            return new Batch(users, p, n);
        }
    }

    private final InteractionData data;
    private final Random random;
    private final int[] pairUser;
    private final int[] pairItem;
    private final int[] order;

    public BprSampler(InteractionData data, Random random) {
        this.data = data;
        this.random = random;
        int n = (int) data.trainPositiveCount();
        pairUser = new int[n];
        pairItem = new int[n];
        int k = 0;
        for (int u = 0; u < data.userCount(); u++) {
            for (int i : data.trainPositives[u]) {
                pairUser[k] = u;
                pairItem[k++] = i;
            }
        }
        order = new int[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
    }

    /** The batches of one epoch. */
    public List<Batch> epoch(int batchSize) {
        for (int k = order.length - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
        List<Batch> batches = new ArrayList<>();
        int items = data.itemCount();
        for (int from = 0; from < order.length; from += batchSize) {
            int size = Math.min(batchSize, order.length - from);
            int[] u = new int[size];
            int[] i = new int[size];
            int[] j = new int[size];
            for (int k = 0; k < size; k++) {
                int p = order[from + k];
                u[k] = pairUser[p];
                i[k] = pairItem[p];
                int neg;
                do {
                    neg = random.nextInt(items);
                } while (data.isTrainPositive(u[k], neg));
                j[k] = neg;
            }
            batches.add(new Batch(u, i, j));
        }
        return batches;
    }

    /**
     * {@code n} more negatives for each of {@code users}, row-major ({@code users.length * n}), drawn
     * like the epoch's (uniform among the items the user has not liked) from the same seeded stream.
     */
    public int[] negatives(int[] users, int n) {
        int items = data.itemCount();
        int[] out = new int[users.length * n];
        for (int k = 0; k < out.length; k++) {
            int u = users[k / n];
            int neg;
            do {
                neg = random.nextInt(items);
            } while (data.isTrainPositive(u, neg));
            out[k] = neg;
        }
        return out;
    }

    /** Dot products of one user vector with every item vector: the score of every vector model. */
    public static float[] dotScores(float[] user, float[][] items) {
        float[] s = new float[items.length];
        for (int i = 0; i < s.length; i++) {
            float dot = 0;
            for (int k = 0; k < user.length; k++) {
                dot += user[k] * items[i][k];
            }
            s[i] = dot;
        }
        return s;
    }

    /** {@link #dotScores(float[], float[][])} at {@code which} only, in their order (the same sums, bit for bit). */
    public static float[] dotScores(float[] user, float[][] items, int[] which) {
        float[] s = new float[which.length];
        for (int j = 0; j < s.length; j++) {
            float[] item = items[which[j]];
            float dot = 0;
            for (int k = 0; k < user.length; k++) {
                dot += user[k] * item[k];
            }
            s[j] = dot;
        }
        return s;
    }
}
