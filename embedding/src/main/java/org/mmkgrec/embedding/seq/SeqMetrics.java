package org.mmkgrec.embedding.seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Next-item figures of one target among every item: its rank with the history's items left out (a
 * user's next item is one they have not had yet; full ranking, no sampled negatives), ties by item
 * index. Recall@K is the hit rate (one target per user); NDCG@K is {@code 1 / log2(1 + rank)} within K.
 */
public final class SeqMetrics {
    /** Names of {@link #of}'s figures, in order. */
    public static final List<String> NAMES = List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20", "mrr");

    private SeqMetrics() {}

    /** 1-based rank of {@code target} among the items not in {@code history} (higher score first, ties by index). */
    public static int rank(double[] scores, int target, int[] history) {
        java.util.BitSet seen = new java.util.BitSet(scores.length);
        for (int h : history) {
            seen.set(h);
        }
        if (seen.get(target)) {
            throw new IllegalArgumentException("target item " + target + " is in the history: a sequence holds each item once");
        }
        double s = scores[target];
        int rank = 1;
        for (int i = 0; i < scores.length; i++) {
            if (i != target && !seen.get(i) && (scores[i] > s || (scores[i] == s && i < target))) {
                rank++;
            }
        }
        return rank;
    }

    /** {recall@10, recall@20, ndcg@10, ndcg@20, reciprocal rank} of one target. */
    public static double[] of(double[] scores, int target, int[] history) {
        int r = rank(scores, target, history);
        double dcg = 1 / (Math.log(1 + r) / Math.log(2));
        return new double[] {r <= 10 ? 1 : 0, r <= 20 ? 1 : 0, r <= 10 ? dcg : 0, r <= 20 ? dcg : 0, 1.0 / r};
    }

    /** The mean figures over the users with a target ({@code targets[u] >= 0}), by name. */
    public static Map<String, Double> mean(NextModel model, int itemCount, int[][] histories, int[] targets) {
        double[] sum = new double[NAMES.size()];
        double[] scores = new double[itemCount];
        int n = 0;
        for (int u = 0; u < targets.length; u++) {
            if (targets[u] < 0) {
                continue;
            }
            model.scores(histories[u], scores);
            double[] f = of(scores, targets[u], histories[u]);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += f[k];
            }
            n++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < sum.length; k++) {
            out.put(NAMES.get(k), n == 0 ? 0 : sum[k] / n);
        }
        return out;
    }
}
