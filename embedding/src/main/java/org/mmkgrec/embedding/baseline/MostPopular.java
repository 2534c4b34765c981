package org.mmkgrec.embedding.baseline;

import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;

/** Score = number of training positives of the item; the same list for every user. */
public final class MostPopular implements Recommender {
    private float[] popularity;

    @Override
    public String name() {
        return "pop";
    }

    @Override
    public void fit(InteractionData data) {
        popularity = new float[data.itemCount()];
        for (int[] liked : data.trainPositives) {
            for (int i : liked) {
                popularity[i]++;
            }
        }
    }

    @Override
    public float[] scores(int user) {
        return popularity.clone();
    }

    @Override
    public float[] scores(int user, int[] items) {
        float[] s = new float[items.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = popularity[items[j]];
        }
        return s;
    }
}
