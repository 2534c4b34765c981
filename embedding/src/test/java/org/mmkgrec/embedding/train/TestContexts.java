package org.mmkgrec.embedding.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** A {@link TrainContext} outside a {@link Trainer}, for tests that drive a model's parts directly. */
public final class TestContexts {
    private TestContexts() {}

    /** A context on {@code manager} (the caller closes it) with Adam at 0.01 and the given seed. */
    public static TrainContext of(NDManager manager, int seed) {
        return new TrainContext(manager, Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(), seed);
    }
}
