package org.mmkgrec.embedding.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Metrics;
import org.mmkgrec.embedding.eval.Recommender;
import org.mmkgrec.embedding.eval.UserPairs;

/**
 * The eval-split metric that early stopping, the popularity prior and the tuner maximise. Computed
 * from the data's eval rows only (never the held-out test part).
 *
 * <ul>
 *   <li>{@link Metric#AUC}: over the eval rows' labelled pairs, ties half (the CTR protocol's metric);
 *       only those pairs are scored, once per user ({@link UserPairs});</li>
 *   <li>{@link Metric#RECALL_20} / {@link Metric#NDCG_20}: for every user with an eval positive, all
 *       items ranked except the user's training positives (the top-K protocol's ranking).</li>
 * </ul>
 */
public final class Validation implements Trainer.Monitor {

    public enum Metric {
        AUC("auc"), RECALL_20("recall@20"), NDCG_20("ndcg@20");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Metric parse(String s) {
            for (Metric m : values()) {
                if (m.label.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("eval metric must be one of auc, recall@20, ndcg@20, was `" + s + "`");
        }
    }

    private final InteractionData data;
    private final Metric metric;
    private final Map<Integer, int[]> relevant;
    private final boolean available;
    private UserPairs evalPairs;

    public Validation(InteractionData data, Metric metric) {
        this.data = data;
        this.metric = metric;
        Map<Integer, List<Integer>> byUser = new TreeMap<>();
        boolean pos = false;
        boolean neg = false;
        for (int k = 0; k < data.evalUsers.length; k++) {
            if (data.evalLabels[k] == 1) {
                pos = true;
                byUser.computeIfAbsent(data.evalUsers[k], u -> new ArrayList<>()).add(data.evalItems[k]);
            } else {
                neg = true;
            }
        }
        relevant = new TreeMap<>();
        byUser.forEach((u, items) -> relevant.put(u, items.stream().mapToInt(Integer::intValue).sorted().distinct().toArray()));
        available = metric == Metric.AUC ? pos && neg : pos;
    }

    @Override
    public String label() {
        return metric.label();
    }

    public Metric metric() {
        return metric;
    }

    /** Whether the eval split holds what the metric needs (both labels for AUC, positives for top-K). */
    public boolean available() {
        return available;
    }

    /** The metric of dot-product scores of these vectors (for AUC only the eval pairs are scored). */
    public double of(Snapshot s) {
        if (metric == Metric.AUC) {
            return available ? ofPairs(pairScores(s)) : Double.NaN;
        }
        return of(user -> dot(s.users()[user], s.items()));
    }

    /** The dot product of every eval row's user and item vectors, in the data's eval row order. */
    double[] pairScores(Snapshot s) {
        double[] out = new double[data.evalUsers.length];
        for (int k = 0; k < out.length; k++) {
            float[] u = s.users()[data.evalUsers[k]];
            float[] i = s.items()[data.evalItems[k]];
            double d = 0;
            for (int x = 0; x < u.length; x++) {
                d += u[x] * i[x];
            }
            out[k] = d;
        }
        return out;
    }

    /** AUC of scores given per eval row. */
    double ofPairs(double[] scores) {
        return Metrics.auc(scores, data.evalLabels);
    }

    /** The metric of a scorer: every item's score for a user, indexed like the data's items. */
    public double of(IntFunction<float[]> scores) {
        return estimate(scores).value();
    }

    /**
     * The metric of a model: for AUC only the eval pairs are scored ({@link Recommender#scores(int, int[])},
     * once per user); for top-K every item of each eval user. Equal to {@code of(model::scores)}.
     */
    public double of(Recommender model) {
        return estimate(model).value();
    }

    /**
     * A metric value and its standard error: for top-K the standard deviation of the users' values
     * over the square root of their number; for AUC Hanley and McNeil's (1982) approximation from the
     * AUC and the numbers of positive and negative pairs.
     */
    public record Estimate(double value, double standardError) {}

    /** {@link #of(IntFunction)} with its standard error (for AUC each user's row is dropped once its pairs are read). */
    public Estimate estimate(IntFunction<float[]> scores) {
        return estimate(scores, pairs -> pairs.scores(scores));
    }

    /** {@link #of(Recommender)} with its standard error. */
    public Estimate estimate(Recommender model) {
        return estimate(model::scores, pairs -> pairs.scores(model));
    }

    private Estimate estimate(IntFunction<float[]> scores, Function<UserPairs, double[]> pairScores) {
        if (!available) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        if (metric == Metric.AUC) {
            double[] s = pairScores.apply(evalPairs());
            double auc = Metrics.auc(s, data.evalLabels);
            long positives = 0;
            for (int label : data.evalLabels) {
                positives += label == 1 ? 1 : 0;
            }
            return new Estimate(auc, hanleyMcNeil(auc, positives, data.evalLabels.length - positives));
        }
        double sum = 0;
        double sq = 0;
        for (Map.Entry<Integer, int[]> e : relevant.entrySet()) {
            int user = e.getKey();
            int[] ranked = top(scores.apply(user), data.trainPositives[user], 20);
            Metrics.TopK t = Metrics.topK(ranked, e.getValue(), 20);
            double v = metric == Metric.RECALL_20 ? t.recall() : t.ndcg();
            sum += v;
            sq += v * v;
        }
        int n = relevant.size();
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : 0;
        return new Estimate(mean, Math.sqrt(variance / n));
    }

    /** The eval rows grouped by user, built on first use (AUC only). */
    private UserPairs evalPairs() {
        if (evalPairs == null) {
            evalPairs = UserPairs.of(data.evalUsers, data.evalItems);
        }
        return evalPairs;
    }

    /** Hanley and McNeil's standard error of an AUC from {@code positives} and {@code negatives} pairs. */
    static double hanleyMcNeil(double auc, long positives, long negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double a2 = auc * auc;
        double v = (auc * (1 - auc) + (positives - 1) * (q1 - a2) + (negatives - 1) * (q2 - a2)) / ((double) positives * negatives);
        return Math.sqrt(Math.max(0, v));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "eval %s", metric.label());
    }

    /**
     * The {@code k} best items not in {@code excluded} (sorted indexes), best first; ties broken by the
     * lower index. A bounded selection, O(n log k).
     */
    public static int[] top(float[] scores, int[] excluded, int k) {
        int[] heap = new int[k]; // min-heap on (score, -index): the worst kept item on top
        int size = 0;
        int ex = 0;
        for (int i = 0; i < scores.length; i++) {
            while (ex < excluded.length && excluded[ex] < i) {
                ex++;
            }
            if (ex < excluded.length && excluded[ex] == i) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[size];
        for (int r = size - 1; r >= 0; r--) {
            out[r] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] h, int k, float[] s) {
        while (k > 0) {
            int p = (k - 1) / 2;
            if (!better(h[p], h[k], s)) {
                break;
            }
            int t = h[p];
            h[p] = h[k];
            h[k] = t;
            k = p;
        }
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int k = 0;
        while (true) {
            int l = 2 * k + 1;
            int r = l + 1;
            int w = k;
            if (l < size && better(h[w], h[l], s)) {
                w = l;
            }
            if (r < size && better(h[w], h[r], s)) {
                w = r;
            }
            if (w == k) {
                return;
            }
            int t = h[w];
            h[w] = h[k];
            h[k] = t;
            k = w;
        }
    }

    static float[] dot(float[] user, float[][] items) {
        float[] s = new float[items.length];
        for (int i = 0; i < s.length; i++) {
            float[] v = items[i];
            float d = 0;
            for (int x = 0; x < user.length; x++) {
                d += user[x] * v[x];
            }
            s[i] = d;
        }
        return s;
    }
}
