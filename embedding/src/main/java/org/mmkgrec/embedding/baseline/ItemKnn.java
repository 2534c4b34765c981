package org.mmkgrec.embedding.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;

/**
 * Item-KNN: cosine similarity of items over co-occurrence in users' training positives,
 * {@code sim(i, j) = |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink)}; a user's score for item j is the sum
 * of {@code sim(i, j)} over the items i they liked, over each item's {@code neighbours} most similar
 * items (LensKit's item-item scorer with the sum aggregate for implicit feedback). By default every
 * co-occurring item is a neighbour and there is no shrinkage: on Last.FM's CTR split that scores
 * eval AUC above any neighbour cap; {@code ./mmkg tune --model itemknn} searches both on the eval split.
 */
public final class ItemKnn implements Recommender {

    /**
     * @param neighbours most similar items kept per item; 0 keeps all (default 0)
     * @param shrink added to the cosine's denominator, damping similarities from few co-occurrences (default 0)
     */
    public record Config(int neighbours, float shrink) {
        public Config {
            if (neighbours < 0 || !(shrink >= 0)) {
                throw new IllegalArgumentException("itemknn: `neighbours` must be >= 0 (0: all) and `shrink` >= 0, were "
                        + neighbours + ", " + shrink);
            }
        }

        public static Config defaults() {
            return new Config(0, 0f);
        }
    }

    private final Config config;
    private InteractionData data;
    private List<int[]> neighbourItems;
    private List<float[]> neighbourSims;

    public ItemKnn(Config config) {
        this.config = config;
    }

    /** Keeping {@code neighbours} per item, no shrinkage. */
    public ItemKnn(int neighbours) {
        this(new Config(neighbours, 0f));
    }

    @Override
    public String name() {
        return "itemknn";
    }

    @Override
    public void fit(InteractionData data) {
        this.data = data;
        int n = data.itemCount();
        int[] count = new int[n];
        for (int[] liked : data.trainPositives) {
            for (int i : liked) {
                count[i]++;
            }
        }
        List<Map<Integer, Integer>> co = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            co.add(new HashMap<>());
        }
        for (int[] liked : data.trainPositives) {
            for (int a : liked) {
                for (int b : liked) {
                    if (a != b) {
                        co.get(a).merge(b, 1, Integer::sum);
                    }
                }
            }
        }
        neighbourItems = new ArrayList<>(n);
        neighbourSims = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(co.get(i).entrySet());
            int m = entries.size();
            int[] ids = new int[m];
            float[] sims = new float[m];
            Integer[] order = new Integer[m];
            for (int k = 0; k < m; k++) {
                ids[k] = entries.get(k).getKey();
                sims[k] = (float) (entries.get(k).getValue() / (Math.sqrt((double) count[i] * count[ids[k]]) + config.shrink()));
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> sims[x] != sims[y] ? Float.compare(sims[y], sims[x]) : Integer.compare(ids[x], ids[y]));
            int keep = config.neighbours() == 0 ? m : Math.min(config.neighbours(), m);
            // the kept neighbours stored by item index, for the binary search of scores(user, items); an
            // item is in a list once, so the order within a list changes no sum of scores(user)
            Integer[] kept = Arrays.copyOf(order, keep);
            Arrays.sort(kept, (x, y) -> Integer.compare(ids[x], ids[y]));
            int[] keptIds = new int[keep];
            float[] keptSims = new float[keep];
            for (int k = 0; k < keep; k++) {
                keptIds[k] = ids[kept[k]];
                keptSims[k] = sims[kept[k]];
            }
            neighbourItems.add(keptIds);
            neighbourSims.add(keptSims);
        }
    }

    @Override
    public float[] scores(int user) {
        float[] s = new float[data.itemCount()];
        for (int i : data.trainPositives[user]) {
            int[] ids = neighbourItems.get(i);
            float[] sims = neighbourSims.get(i);
            for (int k = 0; k < ids.length; k++) {
                s[ids[k]] += sims[k];
            }
        }
        return s;
    }

    /**
     * The same sums for just {@code items}: each item's similarity to every liked item looked up (binary
     * search in the liked item's neighbours), added in the order of the liked items as in
     * {@link #scores(int)}, so the floats are equal. Costs liked x items x log(neighbours) instead of
     * walking every neighbour of every liked item; for a user's few CTR pairs that is far less.
     */
    @Override
    public float[] scores(int user, int[] items) {
        float[] s = new float[items.length];
        for (int i : data.trainPositives[user]) {
            int[] ids = neighbourItems.get(i);
            float[] sims = neighbourSims.get(i);
            for (int j = 0; j < items.length; j++) {
                int k = Arrays.binarySearch(ids, items[j]);
                if (k >= 0) {
                    s[j] += sims[k];
                }
            }
        }
        return s;
    }
}
