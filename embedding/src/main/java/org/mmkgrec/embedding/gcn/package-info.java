/**
 * Graph convolution on the user-item graph with DJL's PyTorch engine: the symmetric normalised
 * adjacency as a sparse COO matrix ({@link NormalizedAdjacency}) and LightGCN ({@link LightGcn}).
 */
package org.mmkgrec.embedding.gcn;
