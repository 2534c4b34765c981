package org.mmkgrec.loader.source;

/**
 * One user-item interaction as read from a file.
 *
 * @param label 1 for a positive (listened, rated at or above the threshold), 0 for a negative
 * @param rating the explicit rating, or {@code Double.NaN} when the source has none
 * @param timestamp seconds since the epoch, or {@code -1} when unknown
 */
public record Interaction(String userId, String itemId, int label, double rating, long timestamp, Split split) {
    public Interaction {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("`label` must be 0 or 1, was " + label);
        }
    }
}
