package org.mmkgrec.embedding.seq;

/**
 * A next-item recommender under the sequential protocol: fitted on each user's training sequence
 * (watching the validation items where it tunes or stops early), then asked for a score of every
 * item given a history in time order.
 */
public interface NextModel {
    String name();

    void fit(SeqData.Training data);

    /**
     * Scores of every item (one per item index, higher first) as the next item after {@code history}
     * (item indexes, oldest first; may be empty), into {@code out}.
     */
    void scores(int[] history, double[] out);

    /** One line about what fitting chose (epochs, settings), or empty. */
    default String note() {
        return "";
    }

    /** The mean training loss per epoch; empty for models without epochs. */
    default java.util.List<Double> lossCurve() {
        return java.util.List.of();
    }
}
