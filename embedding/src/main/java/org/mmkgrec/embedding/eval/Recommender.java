package org.mmkgrec.embedding.eval;

import java.util.List;
import org.mmkgrec.embedding.data.InteractionData;

/**
 * A model under evaluation: fitted on the training side of the graph, then asked for the scores of
 * every item for a user (higher is better). Offline builder and online scorer are one object here
 * because evaluation only ever uses both together.
 */
public interface Recommender {
    String name();

    void fit(InteractionData data);

    /** Scores of all items for {@code user}, indexed like {@link InteractionData#items}. */
    float[] scores(int user);

    /** Training loss per epoch, for models that train; empty otherwise. */
    default List<Double> lossCurve() {
        return List.of();
    }
}
