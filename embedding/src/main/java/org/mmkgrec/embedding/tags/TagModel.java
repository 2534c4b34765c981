package org.mmkgrec.embedding.tags;

import java.util.List;

/**
 * A tag recommender under the tag protocol: fitted on the training posts (watching the validation
 * posts where it tunes or stops early), then asked for a score of every tag for a (user, item) post.
 */
public interface TagModel {
    String name();

    void fit(TagData.Training data);

    /**
     * Fits again on {@code all} (the training and the validation posts) with what {@link #fit} chose
     * on the validation posts (weights, the number of epochs), so the test posts are scored with every
     * post before them, as a deployed model would have them.
     */
    void refit(TagData.Training all);

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
