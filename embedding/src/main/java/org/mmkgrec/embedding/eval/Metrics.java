package org.mmkgrec.embedding.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Evaluation metrics, each checked against hand-computed cases in MetricsTest. */
public final class Metrics {
    private Metrics() {}

    /**
     * ROC AUC over all pairs at once (not averaged per batch as KGCN's code does: a per-batch mean
     * depends on the batch size and order). Equal scores count one half (Mann-Whitney with mid-ranks).
     * NaN when one class is missing.
     */
    public static double auc(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
        double rankSumPositives = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1; // 1-based
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositives += midRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** F1 of the positive class, predicting 1 when the probability is at least the threshold. */
    public static double f1(double[] probabilities, int[] labels, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int k = 0; k < labels.length; k++) {
            boolean predicted = probabilities[k] >= threshold;
            if (predicted && labels[k] == 1) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (labels[k] == 1) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Top-K metrics of one user: ranked item list against the relevant set. */
    public record TopK(double recall, double ndcg, double precision, double hit) {}

    /**
     * @param ranked the user's top items, best first (at most K of them)
     * @param relevant sorted relevant item indexes (non-empty)
     */
    public static TopK topK(int[] ranked, int[] relevant, int k) {
        double dcg = 0;
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                hits++;
                dcg += 1 / log2(r + 2);
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, relevant.length); r++) {
            idcg += 1 / log2(r + 2);
        }
        return new TopK((double) hits / relevant.length, dcg / idcg, (double) hits / k, hits > 0 ? 1 : 0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
