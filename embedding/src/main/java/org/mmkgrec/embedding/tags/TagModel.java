package org.mmkgrec.embedding.tags;

import java.util.List;

/**
 * A tag recommender under the tag protocol: fitted on the training posts (watching the validation
 * posts where it tunes or stops early), then asked for a score of every tag for a (user, item) post.
 */
public interface TagModel {
    String name();

    void fit(TagData.Training data);

    /** Scores of every tag for this user on this item, into {@code out} (one per tag index; higher first). */
    void scores(int user, int item, double[] out);

    /** One line about what fitting chose (weights, epochs), or empty. */
    default String note() {
        return "";
    }

    /** The mean training loss per epoch; empty for models without epochs. */
    default List<Double> lossCurve() {
        return List.of();
    }
}
