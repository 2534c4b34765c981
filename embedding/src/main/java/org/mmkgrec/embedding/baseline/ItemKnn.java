package org.mmkgrec.embedding.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;

/**
 * Item-KNN: cosine similarity of items over co-occurrence in users' training positives,
 * {@code sim(i, j) = |U_i ∩ U_j| / sqrt(|U_i| |U_j|)}; a user's score for item j is the sum of
 * {@code sim(i, j)} over the items i they liked, keeping each item's {@code neighbours} most similar
 * items (default 100), as LensKit's item-item scorer does.
 */
public final class ItemKnn implements Recommender {
    private final int neighbours;
    private InteractionData data;
    private List<int[]> neighbourItems;
    private List<float[]> neighbourSims;

    public ItemKnn(int neighbours) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("`neighbours` must be >= 1, was " + neighbours);
        }
        this.neighbours = neighbours;
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
            int item = i;
            List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(co.get(i).entrySet());
            entries.sort((x, y) -> {
                double sx = x.getValue() / Math.sqrt((double) count[item] * count[x.getKey()]);
                double sy = y.getValue() / Math.sqrt((double) count[item] * count[y.getKey()]);
                return sx != sy ? Double.compare(sy, sx) : Integer.compare(x.getKey(), y.getKey());
            });
            int m = Math.min(neighbours, entries.size());
            int[] ids = new int[m];
            float[] sims = new float[m];
            for (int k = 0; k < m; k++) {
                ids[k] = entries.get(k).getKey();
                sims[k] = (float) (entries.get(k).getValue() / Math.sqrt((double) count[i] * count[ids[k]]));
            }
            neighbourItems.add(ids);
            neighbourSims.add(sims);
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
}
