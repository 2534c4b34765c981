package org.mmkgrec.embedding.eval;

import java.util.List;
import org.mmkgrec.embedding.data.InteractionData;

/**
 * A model under evaluation: fitted on the training side of the graph, then asked for the scores of
 * every item for a user, or of some items for a user (higher is better). Offline builder and online scorer are one object here
 * because evaluation only ever uses both together.
 */
public interface Recommender {
    String name();

    void fit(InteractionData data);

    /** Scores of all items for {@code user}, indexed like {@link InteractionData#items}. */
    float[] scores(int user);

    /**
     * Scores of just {@code items} for {@code user}, in their order (an item may repeat): equal, bit
     * for bit, to {@code scores(user)} at those items. The CTR protocol and the eval AUC need only a
     * user's labelled pairs ({@link UserPairs}); a model that can score an item without scoring every
     * item overrides this, so no row of every item's score is built for them.
     */
    default float[] scores(int user, int[] items) {
        float[] all = scores(user);
        float[] s = new float[items.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = all[items[j]];
        }
        return s;
    }

    /** Training loss per epoch, for models that train; empty otherwise. */
    default List<Double> lossCurve() {
        return List.of();
    }
}
