package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head self-attention over a padded set of vectors, pooled to one vector: the user views of
 * CRM-MAN (a user as the items they liked, or the items they disliked). For input {@code x (B, L, d)}
 * and {@code mask (B, L)} (1 = a real element, 0 = padding): per head {@code softmax(Q K^T / sqrt(d_h))
 * V} with padded keys masked out, heads concatenated and projected back to {@code d}, added to
 * {@code x} (residual), then the mean over the real elements. A set with no real element pools to
 * the zero vector, so a user without dislikes has a zero dislike view.
 *
 * <p>A faster form that projected each distinct row once and grouped sets by length ({@code pool})
 * was withdrawn: now and then its backward pass returned wrong gradients (embedding/README.md).
 */
public final class SetAttention {
    private final int heads;
    private final int headDim;
    private final NDArray query;
    private final NDArray key;
    private final NDArray value;
    private final NDArray output;

    public SetAttention(Params params, String name, int dimension, int heads) {
        if (dimension % heads != 0) {
            throw new IllegalArgumentException("dimension " + dimension + " is not a multiple of " + heads + " heads");
        }
        this.heads = heads;
        this.headDim = dimension / heads;
        this.query = params.xavier(name + ".q", dimension, dimension);
        this.key = params.xavier(name + ".k", dimension, dimension);
        this.value = params.xavier(name + ".v", dimension, dimension);
        this.output = params.xavier(name + ".o", dimension, dimension);
    }

    /** {@code (B, d)}: the pooled view of each set. */
    public NDArray forward(NDArray x, NDArray mask) {
        long b = x.getShape().get(0);
        long l = x.getShape().get(1);
        long d = x.getShape().get(2);
        NDArray q = split(x.matMul(query), b, l);
        NDArray k = split(x.matMul(key), b, l);
        NDArray v = split(x.matMul(value), b, l);
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headDim));
        NDArray padding = mask.neg().add(1f).mul(-1e9f).reshape(b, 1, 1, l);
        NDArray attended = logits.add(padding).softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, d);
        NDArray y = attended.matMul(output).add(x);
        NDArray m = mask.expandDims(2);
        return y.mul(m).sum(new int[] {1}).div(mask.sum(new int[] {1}, true).maximum(1f));
    }

    /**
     * {@code (sets.length, d)}: {@link #forward(NDArray, NDArray)} over the rows of {@code items (n, d)}
     * that each set names, the sets padded to the longest.
     */
    public NDArray forward(NDManager scope, NDArray items, int[][] sets) {
        int d = (int) items.getShape().get(1);
        if (sets.length == 0) {
            return scope.zeros(new Shape(0, d));
        }
        int width = 1;
        for (int[] set : sets) {
            width = Math.max(width, set.length);
        }
        long[] index = new long[sets.length * width];
        float[] mask = new float[sets.length * width];
        for (int r = 0; r < sets.length; r++) {
            for (int k = 0; k < sets[r].length; k++) {
                index[r * width + k] = sets[r][k];
                mask[r * width + k] = 1f;
            }
        }
        NDArray x = items.get(scope, new NDIndex("{}", scope.create(index))).reshape(sets.length, width, d);
        return forward(x, scope.create(mask, new Shape(sets.length, width)));
    }

    private NDArray split(NDArray x, long b, long l) {
        return x.reshape(b, l, heads, headDim).transpose(0, 2, 1, 3);
    }
}
