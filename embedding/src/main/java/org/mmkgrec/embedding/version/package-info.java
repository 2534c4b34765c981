/**
 * Trained vectors written back into the graph as model versions: a {@code (:ModelVersion)} node per
 * training run, the vectors as node properties named after the version, a native vector index per
 * version, and an atomic switch of the active version.
 */
package org.mmkgrec.embedding.version;
