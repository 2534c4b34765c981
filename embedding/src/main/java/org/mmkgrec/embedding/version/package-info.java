/**
 * Trained vectors written back into the graph as model versions: a {@code (:ModelVersion)} node per
 * training run, the vectors as node properties named after the version, a native vector index per
 * version, and an atomic switch of the active version. Old versions are pruned in marked,
 * idempotent steps ({@code ModelVersions.prune}), so an interrupted prune or write is finished by
 * the next run; {@code TrainJob} does that first, then trains, writes, activates and optionally prunes.
 */
package org.mmkgrec.embedding.version;
