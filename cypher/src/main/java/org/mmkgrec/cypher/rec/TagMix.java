package org.mmkgrec.cypher.rec;

import java.util.Locale;

/**
 * The tag recommender's scoring rule, shared by the service ({@code GET /api/v1/items/{id}/tags},
 * {@code mmkg.recommendTags}) and the evaluator's {@code tag-mix} baseline, so the figure the
 * evaluator reports is the rule the service answers with.
 *
 * <p>Each source of evidence is a count per tag: how often this user used the tag ({@code user}),
 * how often anyone put it on this item ({@code item}), on the item's co-entity (KG) neighbours,
 * weighted by the entities they share ({@code neighbours}), on the items nearest by content
 * ({@code content}, for items with no tags of their own), and on any item ({@code global}). A
 * source's counts are turned into shares of its total, so a heavy tagger does not drown the item,
 * and the score of a tag is {@code sum over sources of weight(source) * count(tag) / total(source)}.
 * A source with no counts adds nothing; its weight is not handed to the others.
 */
public final class TagMix {

    /** Where the evidence for a tag comes from; also the explanation's vocabulary. */
    public enum Source {
        USER, ITEM, NEIGHBOURS, CONTENT, GLOBAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The weight of each source; non-negative, not all zero. {@link #defaults()}: user 0.4, item 0.4,
     * neighbours 0 and global 0.2, as the evaluator's {@code tag-mix} chose them on Last.FM's
     * validation posts together with the user source's half-life ({@link TagConfig#DEFAULT_USER_HALF_LIFE};
     * README, "Tag recommendation"); plus content 0.2, a source the evaluator cannot measure (Last.FM's
     * text lists the tags) and which only answers for an item without tags of its own. The global
     * source also gives a user and item with no evidence the most used tags.
     */
    public record Weights(double user, double item, double neighbours, double content, double global) {
        public Weights {
            double[] all = {user, item, neighbours, content, global};
            double sum = 0;
            for (double w : all) {
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new BadConfig("tagWeights", "every weight must be a finite number >= 0, were " + text(all));
                }
                sum += w;
            }
            if (sum == 0) {
                throw new BadConfig("tagWeights", "at least one weight must be above 0");
            }
        }

        public static Weights defaults() {
            return new Weights(0.4, 0.4, 0, 0.2, 0.2);
        }

        public double of(Source s) {
            return switch (s) {
                case USER -> user;
                case ITEM -> item;
                case NEIGHBOURS -> neighbours;
                case CONTENT -> content;
                case GLOBAL -> global;
            };
        }

        private static String text(double[] w) {
            StringBuilder sb = new StringBuilder();
            for (double x : w) {
                sb.append(sb.length() == 0 ? "" : ", ").append(x);
            }
            return sb.toString();
        }
    }

    private TagMix() {}

    /**
     * Adds one source's part to {@code scores}: {@code scores[tags[k]] += weight * counts[k] / total},
     * the total over {@code counts}. Nothing when the weight or the total is zero.
     *
     * @return the factor applied to a count ({@code weight / total}), for explanations; 0 when nothing was added
     */
    public static double add(double[] scores, int[] tags, double[] counts, double weight) {
        if (tags.length != counts.length) {
            throw new IllegalArgumentException("tags and counts differ in length: " + tags.length + ", " + counts.length);
        }
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (weight == 0 || total <= 0) {
            return 0;
        }
        double factor = weight / total;
        for (int k = 0; k < tags.length; k++) {
            scores[tags[k]] += factor * counts[k];
        }
        return factor;
    }
}
