package org.mmkgrec.embedding.nn;

import java.util.Locale;

/**
 * How a graph model's training step propagates: over the whole graph, over the batch's sampled
 * neighbourhood ({@link NeighbourSampler}), or whichever {@link #AUTO} picks for the graph at hand.
 */
public enum Propagation {
    AUTO, FULL, SAMPLED;

    /**
     * Graphs up to this many attention edges stay on the full graph under {@link #AUTO}: there a
     * full-graph epoch costs at most ~25 s on 2 cores (MKGAT on ML-100K's MMKG, 278k edges) and every
     * message counts; sampling with fan-out 10 ran faster on both data sets measured but scored lower
     * on their eval splits (MKGAT: Last.FM AUC 0.8562 against 0.8593, ML-100K Recall@20 0.182 against 0.193).
     */
    public static final long FULL_GRAPH_MAX_EDGES = 300_000;
    /**
     * Above that size, {@link #AUTO} samples when a sampled step's kept edges, weighted by
     * {@code edgeCost} (what a kept edge costs against a graph edge of a full-graph step: the model's
     * to say), are fewer than the graph's edges.
     */
    public boolean sampled(long graphEdges, double sampledEdgesPerStep, double edgeCost) {
        return switch (this) {
            case FULL -> false;
            case SAMPLED -> true;
            case AUTO -> graphEdges > FULL_GRAPH_MAX_EDGES && sampledEdgesPerStep * edgeCost < graphEdges;
        };
    }

    /** The line a model prints for its choice, e.g. {@code mkgat: sampled propagation (auto; fan-out 10: ...)}. */
    public String report(String model, boolean sampled, int fanOut, double sampledEdgesPerStep, long graphEdges) {
        return String.format(Locale.ROOT, "  %s: %s propagation (%s; fan-out %d: ~%,.0f sampled edges per step, %,d in the graph)",
                model, sampled ? "sampled" : "full-graph", name().toLowerCase(Locale.ROOT), fanOut, sampledEdgesPerStep, graphEdges);
    }
}
