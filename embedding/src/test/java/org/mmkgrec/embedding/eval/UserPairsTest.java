package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;

/** Pairs grouped by user: each user asked once, for its items in row order; scores back in row order. */
class UserPairsTest {
    /** Score of (u, i) = 10 u + i, recording every call. */
    static final class Recorded implements Recommender {
        final List<Integer> users = new ArrayList<>();
        final List<int[]> asked = new ArrayList<>();

        @Override
        public String name() {
            return "recorded";
        }

        @Override
        public void fit(InteractionData data) {}

        @Override
        public float[] scores(int user) {
            float[] s = new float[10];
            for (int i = 0; i < s.length; i++) {
                s[i] = 10 * user + i;
            }
            return s;
        }

        @Override
        public float[] scores(int user, int[] items) {
            users.add(user);
            asked.add(items.clone());
            return Recommender.super.scores(user, items);
        }
    }

    @Test
    void eachUserIsAskedOnceForItsItemsInRowOrder() {
        // rows: (2,5) (0,1) (2,3) (2,5) (1,0) (0,9)
        UserPairs pairs = UserPairs.of(new int[] {2, 0, 2, 2, 1, 0}, new int[] {5, 1, 3, 5, 0, 9});
        Recorded model = new Recorded();
        double[] scores = pairs.scores(model);
        assertThat(scores).containsExactly(25, 1, 23, 25, 10, 9);
        // users in the order of their first row; a repeated pair is asked twice
        assertThat(model.users).containsExactly(2, 0, 1);
        assertThat(model.asked).containsExactly(new int[] {5, 3, 5}, new int[] {1, 9}, new int[] {0});
        assertThat(pairs.size()).isEqualTo(6);
        assertThat(pairs.userCount()).isEqualTo(3);
        // from a scorer of every item: the same scores
        assertThat(pairs.scores(model::scores)).containsExactly(scores);
    }

    @Test
    void concatenatedRowsAskEachUserOnce() {
        UserPairs pairs = UserPairs.concat(new int[] {1, 0}, new int[] {2, 3}, new int[] {0, 1}, new int[] {4, 5});
        Recorded model = new Recorded();
        assertThat(pairs.scores(model)).containsExactly(12, 3, 4, 15);
        assertThat(model.users).containsExactly(1, 0);
    }

    @Test
    void noRowsNoCalls() {
        Recorded model = new Recorded();
        assertThat(UserPairs.of(new int[0], new int[0]).scores(model)).isEmpty();
        assertThat(model.users).isEmpty();
    }

    @Test
    void aVectorModelScoresSomeItemsAsItScoresAll() {
        // every trained model (BPR-MF, LightGCN, MMGCN, TransE, MKGAT, CRM-MAN) scores as a VectorModel;
        // the popularity prior, when kept, is one more dimension of these vectors
        Random random = new Random(3);
        float[][] users = new float[4][];
        float[][] items = new float[9][];
        for (int u = 0; u < users.length; u++) {
            users[u] = vector(random, 7);
        }
        for (int i = 0; i < items.length; i++) {
            items[i] = vector(random, 7);
        }
        VectorModel model = new VectorModel() {
            @Override
            public String name() {
                return "vectors";
            }

            @Override
            public void fit(InteractionData data) {}

            @Override
            public float[][] userVectors() {
                return users;
            }

            @Override
            public float[][] itemVectors() {
                return items;
            }
        };
        int[] some = {8, 0, 3, 3, 5, 1};
        for (int u = 0; u < users.length; u++) {
            float[] all = model.scores(u);
            float[] expected = new float[some.length];
            for (int j = 0; j < some.length; j++) {
                expected[j] = all[some[j]];
            }
            assertThat(model.scores(u, some)).containsExactly(expected);
        }
    }

    private static float[] vector(Random random, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }
}
