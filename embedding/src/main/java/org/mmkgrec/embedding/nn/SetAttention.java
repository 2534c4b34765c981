package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;

/**
 * Multi-head self-attention over a padded set of vectors, pooled to one vector: the user views of
 * CRM-MAN (a user as the items they liked, or the items they disliked). For input {@code x (B, L, d)}
 * and {@code mask (B, L)} (1 = a real element, 0 = padding): per head {@code softmax(Q K^T / sqrt(d_h))
 * V} with padded keys masked out, heads concatenated and projected back to {@code d}, added to
 * {@code x} (residual), then the mean over the real elements. A set with no real element pools to
 * the zero vector, so a user without dislikes has a zero dislike view.
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

    private NDArray split(NDArray x, long b, long l) {
        return x.reshape(b, l, heads, headDim).transpose(0, 2, 1, 3);
    }
}
