/**
 * Data sets derived from the stored ones, written as files a load can read back. {@code SparseVariant}
 * thins the training part (at most N positives per user, or a fraction of each user's history) and
 * leaves the evaluation and test parts exactly as they were, so a model is measured on the same
 * held-out data whether it trained on the dense or the sparse set.
 */
package org.mmkgrec.loader.derive;
