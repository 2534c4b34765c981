/**
 * The one training loop of every DJL model ({@link org.mmkgrec.embedding.train.Trainer}): seeding,
 * the NDManager scope per step, the optimiser, progress, the eval-split monitor, the divergence
 * check, early stopping with the best checkpoint's vectors restored, and the popularity prior fitted
 * on the eval split. Models supply their parameters, one epoch of steps and their vectors
 * ({@link org.mmkgrec.embedding.train.Trainable}).
 */
package org.mmkgrec.embedding.train;
