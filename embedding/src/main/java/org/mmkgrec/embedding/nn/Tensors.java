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
     * nothing upstream of it gets a gradient: CRM-MAN's user views lost theirs in every step whose
     * sets fell into one length group, and MKGAT's entity vectors in every full-graph step on a graph
     * without content features.
     */
    public static NDArray concat(NDList arrays, int axis) {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        return NDArrays.concat(arrays, axis);
    }

    /** {@link #concat(NDList, int)} along the first axis. */
    public static NDArray concat(NDList arrays) {
        return concat(arrays, 0);
    }
}
