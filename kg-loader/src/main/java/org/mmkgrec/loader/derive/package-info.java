/**
 * Data sets written as files a load can read back, derived from the stored ones or generated.
 * {@code SparseVariant} thins the training part (at most N positives per user, or a fraction of each
 * user's history) and leaves the evaluation and test parts exactly as they were, so a model is
 * measured on the same held-out data whether it trained on the dense or the sparse set.
 * {@code SyntheticDataset} draws a KGCN-format data set of any size from a seed (latent item groups
 * behind the interactions and the KG, power-law activity and popularity, the papers' two splits), so
 * that the cost of every step can be measured at multiples of Last.FM. Both refuse a non-empty output
 * without {@code force} ({@code OutputDirectory}) and record how to reproduce the output, with the
 * SHA-256 of each file, in a markdown file beside it ({@code DERIVED.md}, {@code GENERATED.md}).
 */
package org.mmkgrec.loader.derive;
