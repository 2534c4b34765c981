package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A graph attention layer (Veličković et al., ICLR 2018), multi-head. For every head {@code k}:
 * {@code z = x W_k}; edge {@code j -> i} scores {@code e_ij = LeakyReLU_0.2(a_src,k . z_j + a_dst,k . z_i)};
 * the attention weights are the edge softmax {@code alpha_ij = exp(e_ij) / sum_{j' -> i} exp(e_ij')} and
 * {@code h_i,k = sum_j alpha_ij z_j}. Heads are concatenated (hidden layers) or averaged (output layer),
 * as in the paper; the non-linearity between layers is the caller's. Include self loops in the graph
 * for the paper's "node attends to itself".
 *
 * <p>Edge softmax without scatter operations: numerator and denominator are sums over a node's
 * entering edges, computed as products with the graph's sparse incidence matrix; the scores are
 * shifted before {@code exp} by a constant per target node (the node's self-loop score when every
 * node has a self loop, else the global maximum), which the softmax is invariant to; exponents are
 * capped ({@link EdgeGraph.Bound#softmaxWeights}). With the global maximum alone, a node whose scores all lie far
 * below it underflowed to a zero denominator and training on Last.FM's co-entity graph went NaN.
 * The parameters live on the fit's manager: attach the model's {@link Params} and the graph to the
 * step's manager before a forward pass (STACK.md, leaks).
 */
public final class GatLayer {
    private final int heads;
    private final int headDim;
    private final boolean concat;
    private final NDArray weight;
    private final NDArray attentionSource;
    private final NDArray attentionTarget;

    /**
     * @param name    parameter prefix, unique in the model
     * @param in      input feature size
     * @param headDim output size per head
     * @param heads   number of heads
     * @param concat  concatenate heads (output {@code heads * headDim}) or average them ({@code headDim})
     */
    public GatLayer(Params params, String name, int in, int headDim, int heads, boolean concat) {
        this.heads = heads;
        this.headDim = headDim;
        this.concat = concat;
        this.weight = params.xavier(name + ".w", in, (long) heads * headDim);
        this.attentionSource = params.xavier(name + ".a_src", heads, headDim);
        this.attentionTarget = params.xavier(name + ".a_dst", heads, headDim);
    }

    /** A layer with given weights: {@code weight (in, heads*headDim)}, attention vectors {@code (heads, headDim)}, row-major. */
    public static GatLayer withWeights(Params params, String name, int in, int headDim, int heads, boolean concat,
            float[] weight, float[] attentionSource, float[] attentionTarget) {
        return new GatLayer(params, name, in, headDim, heads, concat, weight, attentionSource, attentionTarget);
    }

    private GatLayer(Params params, String name, int in, int headDim, int heads, boolean concat,
            float[] weight, float[] attentionSource, float[] attentionTarget) {
        this.heads = heads;
        this.headDim = headDim;
        this.concat = concat;
        this.weight = params.of(name + ".w", weight, in, (long) heads * headDim);
        this.attentionSource = params.of(name + ".a_src", attentionSource, heads, headDim);
        this.attentionTarget = params.of(name + ".a_dst", attentionTarget, heads, headDim);
    }

    public int outputSize() {
        return concat ? heads * headDim : headDim;
    }

    /** The layer's output for every node: {@code (nodes, outputSize)}. */
    public NDArray forward(NDManager scope, NDArray x, EdgeGraph.Bound graph) {
        return compute(scope, x, graph, false);
    }

    /**
     * The same output; without {@code exact}, the attention weights enter as the values of one sparse
     * {@code (nodes x nodes)} matrix per head, held fixed for the pass: no tensor per edge and
     * dimension is built (a sparse product per head instead), and the loss reaches the weight matrix
     * through the messages but not the attention vectors.
     */
    public NDArray forward(NDManager scope, NDArray x, EdgeGraph.Bound graph, boolean exact) {
        if (exact) {
            return compute(scope, x, graph, false);
        }
        long n = x.getShape().get(0);
        int edges = graph.graph().edges();
        NDArray z = x.matMul(weight).reshape(n, heads, headDim);
        float[] alpha = compute(scope, x, graph, true).stopGradient().toFloatArray(); // (edges, heads)
        long[] pairs = new long[2 * edges];
        for (int e = 0; e < edges; e++) {
            pairs[e] = graph.graph().target()[e];
            pairs[edges + e] = graph.graph().source()[e];
        }
        NDArray index = scope.create(pairs, new Shape(2, edges));
        NDList perHead = new NDList();
        for (int k = 0; k < heads; k++) {
            float[] values = new float[edges];
            for (int e = 0; e < edges; e++) {
                values[e] = alpha[e * heads + k];
            }
            NDArray weights = JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) scope.create(values), new Shape(n, n));
            perHead.add(weights.matMul(z.get(new NDIndex(":, " + k + ", :"))));
        }
        NDArray h = NDArrays.stack(perHead, 1);
        return concat ? h.reshape(n, (long) heads * headDim) : h.mean(new int[] {1});
    }

    /** The attention weight of every edge and head: {@code (edges, heads)}; each node's entering edges sum to 1. */
    public NDArray attention(NDManager scope, NDArray x, EdgeGraph.Bound graph) {
        return compute(scope, x, graph, true);
    }

    private NDArray compute(NDManager scope, NDArray x, EdgeGraph.Bound graph, boolean weightsOnly) {
        long n = x.getShape().get(0);
        long edges = graph.graph().edges();
        NDArray z = x.matMul(weight).reshape(n, heads, headDim);
        NDArray scoreSource = z.mul(attentionSource.expandDims(0)).sum(new int[] {2});
        NDArray scoreTarget = z.mul(attentionTarget.expandDims(0)).sum(new int[] {2});
        NDArray e = Activation.leakyRelu(scoreSource.get(scope, new NDIndex("{}", graph.source()))
                .add(scoreTarget.get(scope, new NDIndex("{}", graph.target()))), 0.2f);
        NDArray ex = graph.softmaxWeights(scope, e);
        NDArray denominator = graph.incidence().matMul(ex);
        if (weightsOnly) {
            return ex.div(denominator.get(scope, new NDIndex("{}", graph.target())));
        }
        NDArray messages = z.get(scope, new NDIndex("{}", graph.source())).mul(ex.expandDims(2)).reshape(edges, (long) heads * headDim);
        NDArray h = graph.incidence().matMul(messages).reshape(n, heads, headDim).div(denominator.expandDims(2).add(1e-16f));
        return concat ? h.reshape(n, (long) heads * headDim) : h.mean(new int[] {1});
    }
}
