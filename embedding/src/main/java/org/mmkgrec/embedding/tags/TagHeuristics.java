package org.mmkgrec.embedding.tags;

import java.util.List;
import java.util.Locale;
import org.mmkgrec.cypher.rec.TagMix;

/**
 * The count baselines of the tag protocol, all {@link TagMix} with fixed or tuned weights over the
 * training posts' counts, so {@code tag-mix} is the rule the service answers with:
 * <ul>
 *   <li>{@code tag-pop}: the most-used tags overall;</li>
 *   <li>{@code tag-item}: the item's most-used tags;</li>
 *   <li>{@code tag-user}: the user's most-used tags;</li>
 *   <li>{@code tag-mix}: user, item, KG (co-entity) neighbours and overall use, weighted; the weights
 *       are chosen on the validation posts (Recall@10) from a grid of step 0.2 over the simplex, together
 *       with the half-life of the user's counts ({@link #HALF_LIVES}: 0, plain counts, or recent posts
 *       weighted more, {@link TagCounts#user(int, double)}).</li>
 * </ul>
 * Every heuristic breaks its ties (tags its own source never saw) by overall use, at a weight of
 * 1e-9. The service's content source (text neighbours) is left out here: Last.FM's item text lists
 * each artist's top tags, every post's included, so it would leak the test tags.
 */
public final class TagHeuristics implements TagModel {
    public static final List<String> NAMES = List.of("tag-pop", "tag-item", "tag-user", "tag-mix");
    private static final double TIE_BREAK = 1e-9;
    /** The half-lives (in posts) of the user's counts {@code tag-mix} chooses from; 0: plain counts. */
    public static final List<Double> HALF_LIVES = List.of(0.0, 5.0, 10.0, 20.0, 50.0);

    private final String name;
    private TagMix.Weights weights;
    private double halfLife;
    private TagData corpus;
    private TagCounts counts;
    private TagCounts.Sparse global;
    private String note = "";

    public TagHeuristics(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no tag heuristic `" + name + "`; known: " + NAMES);
        }
        this.name = name;
        this.weights = switch (name) {
            case "tag-pop" -> new TagMix.Weights(0, 0, 0, 0, 1);
            case "tag-item" -> new TagMix.Weights(0, 1, 0, 0, 0);
            case "tag-user" -> new TagMix.Weights(1, 0, 0, 0, 0);
            default -> TagMix.Weights.defaults();
        };
    }

    @Override
    public String name() {
        return name;
    }

    public TagMix.Weights weights() {
        return weights;
    }

    /** The half-life of the user's counts (0: plain counts). */
    public double halfLife() {
        return halfLife;
    }

    @Override
    public void fit(TagData.Training data) {
        corpus = data.corpus();
        counts = new TagCounts(corpus, data.train());
        global = counts.globalSparse();
        if (name.equals("tag-mix")) {
            tune(data.validation());
        }
    }

    /** Picks the weights and half-life with the best validation Recall@10 (ties: the first in grid order). */
    private void tune(List<TagData.Post> validation) {
        if (validation.isEmpty()) {
            note = "no validation posts: default weights";
            return;
        }
        List<TagMix.Weights> grid = grid(5);
        TagMix.Weights best = null;
        double bestHalfLife = 0;
        double bestValue = -1;
        int tried = 0;
        for (double h : HALF_LIVES) {
            halfLife = h;
            for (TagMix.Weights w : grid) {
                weights = w;
                double value = TagMetrics.recallAt10(this, validation, corpus.tagCount());
                tried++;
                if (value > bestValue + 1e-12) {
                    bestValue = value;
                    best = w;
                    bestHalfLife = h;
                }
            }
        }
        weights = best;
        halfLife = bestHalfLife;
        note = String.format(Locale.ROOT, "weights user %.1f, item %.1f, neighbours %.1f, global %.1f, user half-life %s "
                + "(best of %d on the validation posts, Recall@10 %.4f)", best.user(), best.item(), best.neighbours(),
                best.global(), halfLife == 0 ? "none (plain counts)" : String.format(Locale.ROOT, "%.0f posts", halfLife),
                tried, bestValue);
    }

    /** Every mix of user, item, neighbour and overall weights in steps of {@code 1/steps} summing to 1. */
    private static List<TagMix.Weights> grid(int steps) {
        List<TagMix.Weights> out = new java.util.ArrayList<>();
        for (int u = 0; u <= steps; u++) {
            for (int i = 0; u + i <= steps; i++) {
                for (int n = 0; u + i + n <= steps; n++) {
                    int g = steps - u - i - n;
                    if (u + i + n == 0 && g == 0) {
                        continue;
                    }
                    out.add(new TagMix.Weights(u / (double) steps, i / (double) steps, n / (double) steps, 0, g / (double) steps));
                }
            }
        }
        return out;
    }

    /** The counts of {@code all}'s posts, the weights and half-life kept. */
    @Override
    public void refit(TagData.Training all) {
        corpus = all.corpus();
        counts = new TagCounts(corpus, all.train());
        global = counts.globalSparse();
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public void scores(int user, int item, double[] out) {
        java.util.Arrays.fill(out, 0);
        add(out, counts.user(user, halfLife), weights.user());
        add(out, counts.item(item), weights.item());
        if (weights.neighbours() > 0) {
            add(out, counts.neighbours(item), weights.neighbours());
        }
        add(out, global, weights.global() + TIE_BREAK);
    }

    private static void add(double[] out, TagCounts.Sparse s, double weight) {
        TagMix.add(out, s.tags(), s.counts(), weight);
    }
}
