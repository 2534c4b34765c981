package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Array operations whose DJL form drops gradients in a corner case. */
public final class Tensors {
    private Tensors() {
    }

    /**
     * {@link NDArrays#concat(NDList, int)}, except that a list of one array returns that array. DJL
     * 0.35 answers a one-array list with {@code duplicate()}, a copy outside the autograd graph, so
     * nothing upstream of it gets a gradient: MKGAT's entity vectors lost theirs in every full-graph
     * step on a graph without content features (its layer 0 is then the entity table alone).
     */
    public static NDArray concat(NDList arrays, int axis) {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        return NDArrays.concat(arrays, axis);
    }
}
