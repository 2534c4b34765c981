package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;

/**
 * A directed edge list for attention layers: edge {@code e} carries a message from {@code source[e]}
 * to {@code target[e]}, optionally typed by {@code relation[e]}. Attention normalises over the edges
 * entering a node; on DJL (no scatter-add) the per-node sums are products with the constant sparse
 * incidence matrix {@code B (nodes x edges)}, {@code B[target[e], e] = 1}.
 */
public final class EdgeGraph {
    private final int nodes;
    private final long[] source;
    private final long[] target;
    private final long[] relation;

    public EdgeGraph(int nodes, long[] source, long[] target, long[] relation) {
        if (source.length != target.length || (relation != null && relation.length != source.length)) {
            throw new IllegalArgumentException("source, target and relation arrays differ in length");
        }
        for (int e = 0; e < source.length; e++) {
            if (source[e] < 0 || source[e] >= nodes || target[e] < 0 || target[e] >= nodes) {
                throw new IllegalArgumentException("edge " + e + " (" + source[e] + " -> " + target[e]
                        + ") names a node outside 0.." + (nodes - 1));
            }
        }
        this.nodes = nodes;
        this.source = source;
        this.target = target;
        this.relation = relation;
    }

    /** Untyped edges; with {@code selfLoops} every node also attends to itself (GAT's convention). */
    public static EdgeGraph of(int nodes, long[] source, long[] target, boolean selfLoops) {
        if (!selfLoops) {
            return new EdgeGraph(nodes, source, target, null);
        }
        long[] s = Arrays.copyOf(source, source.length + nodes);
        long[] t = Arrays.copyOf(target, target.length + nodes);
        for (int n = 0; n < nodes; n++) {
            s[source.length + n] = n;
            t[target.length + n] = n;
        }
        return new EdgeGraph(nodes, s, t, null);
    }

    public int nodes() {
        return nodes;
    }

    public int edges() {
        return source.length;
    }

    public long[] source() {
        return source;
    }

    public long[] target() {
        return target;
    }

    /** Each edge's relation; null for untyped edges. */
    public long[] relation() {
        return relation;
    }

    /**
     * For every edge, the index of the self-loop edge of its target node; null when some node has
     * no self loop.
     */
    long[] selfLoopOfTarget() {
        long[] loop = new long[nodes];
        Arrays.fill(loop, -1);
        for (int e = 0; e < source.length; e++) {
            if (source[e] == target[e]) {
                loop[(int) target[e]] = e;
            }
        }
        long[] out = new long[source.length];
        for (int e = 0; e < source.length; e++) {
            out[e] = loop[(int) target[e]];
            if (out[e] < 0) {
                return null;
            }
        }
        return out;
    }

    /** The arrays on {@code manager}, which keeps them alive for the whole fit (STACK.md: sparse COO). */
    public Bound bind(NDManager manager) {
        int n = source.length;
        long[] flat = new long[2 * n];
        for (int e = 0; e < n; e++) {
            flat[e] = target[e];
            flat[n + e] = e;
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        NDArray indices = manager.create(flat, new Shape(2, n));
        NDArray values = manager.create(ones);
        NDArray incidence = JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values, new Shape(nodes, n));
        long[] selfLoops = selfLoopOfTarget();
        return new Bound(this, incidence, manager.create(source), manager.create(target),
                relation == null ? null : manager.create(relation), selfLoops == null ? null : manager.create(selfLoops),
                indices, values);
    }

    /**
     * The graph's arrays on a manager. {@code selfLoop} (per edge, its target's self-loop edge) is
     * null unless every node has a self loop. {@code indices} and {@code values} back the sparse
     * incidence and are held only to keep them alive.
     */
    public record Bound(EdgeGraph graph, NDArray incidence, NDArray source, NDArray target, NDArray relation,
                        NDArray selfLoop, NDArray indices, NDArray values) {
        /** Largest exponent the edge softmax takes (e^60 sums safely in float32). */
        public static final float MAX_EXPONENT = 60f;

        /**
         * The unnormalised edge-softmax weights {@code exp(score - c_target)} of edge scores
         * {@code (edges, k)}: {@code c} is constant per target node, which the softmax is invariant
         * to; it is the target's self-loop score when every node has a self loop (so the self loop
         * weighs exp(0) = 1 and no node's denominator vanishes), else the global maximum. Exponents
         * are capped at {@value #MAX_EXPONENT}. Normalise with {@code incidence().matMul(...)}.
         */
        public NDArray softmaxWeights(NDManager scope, NDArray scores) {
            NDArray shift = selfLoop != null
                    ? scores.get(scope, new NDIndex("{}", selfLoop)).stopGradient() : scores.max().stopGradient();
            return scores.sub(shift).minimum(MAX_EXPONENT).exp();
        }

        /** Attach the arrays to a step's manager for the step (the incidence is a left operand). */
        public void attachTo(NDManager step) {
            step.tempAttachAll(incidence);
        }
    }
}
