/**
 * Layers and losses shared by the trained models, on DJL's PyTorch engine: multi-head graph attention
 * over an edge list ({@link org.mmkgrec.embedding.nn.GatLayer}, edge softmax through a constant sparse
 * incidence matrix because DJL has no scatter-add), masked multi-head self-attention over item sets
 * ({@link org.mmkgrec.embedding.nn.SetAttention}) and the training losses ({@link org.mmkgrec.embedding.nn.Losses}).
 * Every layer keeps its parameters in a {@link org.mmkgrec.embedding.nn.Params} so one optimiser loop
 * updates all of a model.
 */
package org.mmkgrec.embedding.nn;
