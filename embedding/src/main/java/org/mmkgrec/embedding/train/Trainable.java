package org.mmkgrec.embedding.train;

import org.mmkgrec.embedding.data.InteractionData;

/**
 * What a model gives the {@link Trainer}: its parameters, one epoch of training steps and its current
 * vectors. Everything else (seeding, the optimiser, NDManager scopes, progress, monitoring on the
 * eval split, the divergence check, early stopping, restoring the best vectors) is the trainer's.
 * A model draws every random choice from {@link TrainContext#random()} and creates its parameters
 * through {@link TrainContext#params()}, so its result depends only on its seed.
 */
public interface Trainable {
    /** The name in progress lines and error messages. */
    String name();

    /** The hyperparameters the trainer needs: epochs (the most), Adam's learning rate, the seed. */
    Schedule schedule();

    /** Creates the parameters and constant arrays of one fit; called once, after seeding. */
    void build(TrainContext context, InteractionData data);

    /**
     * One pass over the training data through {@link TrainContext#step}; returns its mean loss (a
     * non-finite loss stops training as diverged).
     */
    double epoch(TrainContext context, int epoch);

    /** The current vectors (computed without gradients in a scope of {@link TrainContext#scope()}). */
    Snapshot snapshot(TrainContext context);

    /** @param epochs the most epochs to train; early stopping may end sooner */
    record Schedule(int epochs, float learningRate, int seed) {
        public Schedule {
            if (epochs < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("`epochs` must be >= 1 and `learningRate` > 0, were " + epochs + ", " + learningRate);
            }
        }
    }
}
