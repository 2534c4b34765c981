package org.mmkgrec.embedding.train;

import java.util.HashMap;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;

/**
 * Popularity as a feature: the model's score stacked with the item's log-popularity,
 * {@code s'(u, i) = s(u, i) / sd(s) + lambda * log(1 + pop(i)) / sd(log(1 + pop))}, with
 * {@code lambda} chosen on the eval split from a fixed grid (0 included, so the prior is only kept
 * when it helps there). Under uniformly sampled negatives popularity carries much of the signal on
 * sparse data; a learned model with few interactions per user cannot learn it from the BPR loss
 * alone (the loss compares a user's own items), so it is added as one fitted weight.
 *
 * <p>The result stays a dot product: users get {@code [u / sd(s), lambda / sd(lp)]}, items
 * {@code [i, lp(i)]}, so the vectors written back and the service's vector index rank by it.
 */
public final class PopularityPrior {
    /**
     * The weights tried, in units of standard deviations of each term. The large ones make the score
     * popularity with the model breaking its ties (many items share a count on sparse data), so the
     * eval metric with the prior is never below most-popular's by much.
     */
    static final double[] GRID = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 50};

    /** @param lambda the chosen weight (0: no prior); before/after the eval metric without and with it */
    public record Fit(double lambda, double before, double after, Snapshot vectors) {}

    private PopularityPrior() {}

    /** Log(1 + training positives) per item. */
    public static float[] logPopularity(InteractionData data) {
        float[] lp = new float[data.itemCount()];
        for (int[] liked : data.trainPositives) {
            for (int i : liked) {
                lp[i]++;
            }
        }
        for (int i = 0; i < lp.length; i++) {
            lp[i] = (float) Math.log1p(lp[i]);
        }
        return lp;
    }

    public static Fit fit(Snapshot s, InteractionData data, Validation validation) {
        float[] lp = logPopularity(data);
        double sdLp = sd(lp);
        double sdS = scoreSd(s, data);
        boolean pairs = validation.metric() == Validation.Metric.AUC;
        // AUC needs only the eval pairs' scores; top-K metrics rank every item for each eval user
        double[] pairScores = pairs ? validation.pairScores(s) : null;
        Map<Integer, float[]> base = new HashMap<>();
        java.util.function.IntFunction<float[]> scores = u -> base.computeIfAbsent(u, x -> Validation.dot(s.users()[x], s.items()));
        double before = pairs ? validation.ofPairs(pairScores) : validation.of(scores);
        if (!(sdLp > 0) || !(sdS > 0) || Double.isNaN(before)) {
            return new Fit(0, before, before, s);
        }
        double bestLambda = 0;
        double best = before;
        for (double lambda : GRID) {
            if (lambda == 0) {
                continue;
            }
            float a = (float) (1 / sdS);
            float b = (float) (lambda / sdLp);
            double m;
            if (pairs) {
                double[] y = new double[pairScores.length];
                for (int k = 0; k < y.length; k++) {
                    y[k] = a * pairScores[k] + b * lp[data.evalItems[k]];
                }
                m = validation.ofPairs(y);
            } else {
                m = validation.of(u -> {
                    float[] x = scores.apply(u);
                    float[] y = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = a * x[i] + b * lp[i];
                    }
                    return y;
                });
            }
            if (m > best + 1e-9) {
                best = m;
                bestLambda = lambda;
            }
        }
        if (bestLambda == 0) {
            return new Fit(0, before, before, s);
        }
        float a = (float) (1 / sdS);
        float b = (float) (bestLambda / sdLp);
        float[][] users = new float[s.users().length][];
        for (int u = 0; u < users.length; u++) {
            float[] v = s.users()[u];
            users[u] = new float[v.length + 1];
            for (int k = 0; k < v.length; k++) {
                users[u][k] = a * v[k];
            }
            users[u][v.length] = b;
        }
        float[][] items = new float[s.items().length][];
        for (int i = 0; i < items.length; i++) {
            float[] v = s.items()[i];
            items[i] = java.util.Arrays.copyOf(v, v.length + 1);
            items[i][v.length] = lp[i];
        }
        return new Fit(bestLambda, before, best, new Snapshot(users, items, s.entities(), s.weights()));
    }

    /** Standard deviation of the model's scores over the eval rows' pairs (or every pair of the first users). */
    private static double scoreSd(Snapshot s, InteractionData data) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        if (data.evalUsers.length > 0) {
            for (int k = 0; k < data.evalUsers.length; k++) {
                double x = dot(s.users()[data.evalUsers[k]], s.items()[data.evalItems[k]]);
                sum += x;
                sq += x * x;
                n++;
            }
        } else {
            for (int u = 0; u < Math.min(100, s.users().length); u++) {
                for (float[] item : s.items()) {
                    double x = dot(s.users()[u], item);
                    sum += x;
                    sq += x * x;
                    n++;
                }
            }
        }
        double mean = sum / Math.max(1, n);
        return Math.sqrt(Math.max(0, sq / Math.max(1, n) - mean * mean));
    }

    private static double sd(float[] x) {
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / Math.max(1, x.length);
        return Math.sqrt(Math.max(0, sq / Math.max(1, x.length) - mean * mean));
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += a[k] * b[k];
        }
        return d;
    }
}
