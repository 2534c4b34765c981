package org.mmkgrec.embedding.tags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The tag protocol's figures of one ranking of every tag: Recall@5 and @10, Precision@5, NDCG@10
 * (binary gains, ideal DCG over min(|relevant|, 10)) and the reciprocal rank of the first relevant
 * tag in the whole ranking. Ties rank the lower tag index first, so figures are deterministic.
 */
public final class TagMetrics {
    public static final List<String> NAMES = List.of("recall@5", "recall@10", "precision@5", "ndcg@10", "mrr");

    private TagMetrics() {}

    /** The figures of {@code scores} (one per tag) against the post's relevant tags, in {@link #NAMES} order. */
    public static double[] of(double[] scores, int[] relevant) {
        if (relevant.length == 0) {
            throw new IllegalArgumentException("a post without tags has no figures");
        }
        int[] ranks = new int[relevant.length];
        for (int r = 0; r < relevant.length; r++) {
            ranks[r] = rank(scores, relevant[r]);
        }
        int hits5 = 0;
        int hits10 = 0;
        double dcg = 0;
        int best = Integer.MAX_VALUE;
        for (int rank : ranks) {
            hits5 += rank <= 5 ? 1 : 0;
            hits10 += rank <= 10 ? 1 : 0;
            dcg += rank <= 10 ? 1 / log2(rank + 1) : 0;
            best = Math.min(best, rank);
        }
        double idcg = 0;
        for (int k = 1; k <= Math.min(relevant.length, 10); k++) {
            idcg += 1 / log2(k + 1);
        }
        return new double[] {hits5 / (double) relevant.length, hits10 / (double) relevant.length, hits5 / 5.0,
                dcg / idcg, 1.0 / best};
    }

    /** 1-based rank of {@code tag}: the tags scoring higher, or equal with a lower index, come before it. */
    static int rank(double[] scores, int tag) {
        double s = scores[tag];
        int before = 0;
        for (int t = 0; t < scores.length; t++) {
            if (scores[t] > s || (scores[t] == s && t < tag)) {
                before++;
            }
        }
        return before + 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The mean figures of {@code model} over {@code posts} (scored in parallel, summed in post order). */
    public static Map<String, Double> mean(TagModel model, List<TagData.Post> posts, int tagCount) {
        double[][] per = IntStream.range(0, posts.size()).parallel().mapToObj(k -> {
            TagData.Post p = posts.get(k);
            double[] scores = new double[tagCount];
            model.scores(p.user(), p.item(), scores);
            return of(scores, p.tags());
        }).toArray(double[][]::new);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < NAMES.size(); m++) {
            double sum = 0;
            for (double[] f : per) {
                sum += f[m];
            }
            out.put(NAMES.get(m), posts.isEmpty() ? Double.NaN : sum / posts.size());
        }
        return out;
    }

    /** Recall@10 alone: the figure the tag models tune and stop early on. */
    public static double recallAt10(TagModel model, List<TagData.Post> posts, int tagCount) {
        return mean(model, posts, tagCount).get("recall@10");
    }
}
