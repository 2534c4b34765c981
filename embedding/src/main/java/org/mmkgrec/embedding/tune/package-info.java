/**
 * Hyperparameter search on the eval split ({@code ./mmkg tune}): {@link org.mmkgrec.embedding.tune.Tuner}
 * never sees the held-out test part; the command scores the chosen configuration on it once, after the search.
 */
package org.mmkgrec.embedding.tune;
