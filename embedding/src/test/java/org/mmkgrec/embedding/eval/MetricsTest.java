package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aucCountsTiesHalf() {
        // positives 0.8, 0.5; negatives 0.5, 0.2: pairs (0.8>0.5)=1, (0.8>0.2)=1, (0.5=0.5)=0.5, (0.5>0.2)=1 -> 3.5/4
        assertThat(Metrics.auc(new double[] {0.8, 0.5, 0.5, 0.2}, new int[] {1, 1, 0, 0})).isEqualTo(0.875);
        // all scores equal: every pair is a tie
        assertThat(Metrics.auc(new double[] {1, 1, 1}, new int[] {1, 0, 0})).isEqualTo(0.5);
        // perfectly wrong
        assertThat(Metrics.auc(new double[] {0.1, 0.9}, new int[] {1, 0})).isZero();
        assertThat(Metrics.auc(new double[] {0.1, 0.9}, new int[] {1, 1})).isNaN();
    }

    @Test
    void f1AtThreshold() {
        // predicted positive: 0.9 (tp), 0.6 (fp), 0.5 (tp, >= 0.5); missed: 0.4 (fn) -> 2*2 / (4 + 1 + 1)
        assertThat(Metrics.f1(new double[] {0.9, 0.6, 0.5, 0.4, 0.1}, new int[] {1, 0, 1, 1, 0}, 0.5))
                .isCloseTo(4.0 / 6.0, within(1e-12));
        assertThat(Metrics.f1(new double[] {0.1}, new int[] {1}, 0.5)).isZero();
    }

    @Test
    void topKWithKnownRanks() {
        // relevant {3, 7}; ranked 7 at rank 1 and 3 at rank 3: DCG = 1 + 1/log2(4) = 1.5, IDCG = 1 + 1/log2(3)
        Metrics.TopK t = Metrics.topK(new int[] {7, 1, 3, 4}, new int[] {3, 7}, 3);
        assertThat(t.recall()).isEqualTo(1.0);
        assertThat(t.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(t.hit()).isEqualTo(1.0);
        assertThat(t.ndcg()).isCloseTo(1.5 / (1 + 1 / (Math.log(3) / Math.log(2))), within(1e-12));
    }

    @Test
    void kLargerThanTheCandidateSet() {
        // only 2 candidates for K = 5: precision still divides by K, recall by the relevant count
        Metrics.TopK t = Metrics.topK(new int[] {2, 5}, new int[] {5}, 5);
        assertThat(t.recall()).isEqualTo(1.0);
        assertThat(t.precision()).isEqualTo(0.2);
        assertThat(t.ndcg()).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
    }

    @Test
    void usersWithoutTestPositivesAreNotRanked() {
        // user 0 has only a negative test row, user 1 one positive
        var test = new org.mmkgrec.embedding.data.InteractionData.TestSet(new int[] {0, 1}, new int[] {4, 2},
                new int[] {0, 1}, 0);
        assertThat(EvaluateJob.relevantByUser(test)).containsOnlyKeys(1);
    }

    @Test
    void rankingSkipsExcludedItemsAndBreaksTiesByIndex() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.7f};
        assertThat(EvaluateJob.top(scores, new boolean[] {false, true, false, false}, 3)).containsExactly(3, 0, 2);
    }

    @Test
    void theHeapSelectionRanksLikeAFullSortWithTiesByIndex() {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(60);
            float[] scores = new float[n];
            boolean[] excluded = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(8) / 4f; // many ties
                excluded[i] = random.nextInt(4) == 0;
            }
            int k = 1 + random.nextInt(25);
            org.assertj.core.api.Assertions.assertThat(EvaluateJob.top(scores, excluded, k))
                    .containsExactly(EvaluateJob.topBySort(scores, excluded, k));
        }
    }
}
