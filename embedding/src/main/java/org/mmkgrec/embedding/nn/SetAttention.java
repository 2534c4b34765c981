package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Multi-head self-attention over a padded set of vectors, pooled to one vector: the user views of
 * CRM-MAN (a user as the items they liked, or the items they disliked). For input {@code x (B, L, d)}
 * and {@code mask (B, L)} (1 = a real element, 0 = padding): per head {@code softmax(Q K^T / sqrt(d_h))
 * V} with padded keys masked out, heads concatenated and projected back to {@code d}, added to
 * {@code x} (residual), then the mean over the real elements. A set with no real element pools to
 * the zero vector, so a user without dislikes has a zero dislike view.
 *
 * <p>{@link #pool} computes the same views from sets of row indices without padding every set to the
 * longest: the projections run once per distinct row, sets are grouped by length (widths within a
 * factor of two) so padding costs at most twice the real work, and the output projection, being
 * linear, runs after the mean, once per set.
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
     * {@code (sets.length, d)}: the pooled view of each set of rows of {@code items (n, d)}, equal to
     * {@link #forward} over the sets padded to the longest (up to float rounding).
     */
    public NDArray pool(NDManager scope, NDArray items, int[][] sets) {
        int b = sets.length;
        int d = (int) items.getShape().get(1);
        int[] local = new int[(int) items.getShape().get(0)];
        Arrays.fill(local, -1);
        MutableIntList distinct = new IntArrayList();
        for (int[] set : sets) {
            for (int i : set) {
                if (local[i] < 0) {
                    local[i] = distinct.size();
                    distinct.add(i);
                }
            }
        }
        if (distinct.isEmpty()) {
            return scope.zeros(new Shape(b, d));
        }
        NDArray x = items.get(scope, new NDIndex("{}", scope.create(distinct.toArray())));
        // x on the left: the products live in the caller's scope, not the parameters' manager
        NDArray qkv = Tensors.concat(new NDList(x.matMul(query), x.matMul(key), x.matMul(value)), 1);
        Integer[] order = new Integer[b];
        for (int r = 0; r < b; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (p, q) -> Integer.compare(sets[q].length, sets[p].length));
        NDList attended = new NDList();
        NDList means = new NDList();
        int[] position = new int[b];
        for (int from = 0; from < b; ) {
            int width = Math.max(1, sets[order[from]].length);
            int to = from + 1;
            while (to < b && sets[order[to]].length * 2 > width) {
                to++;
            }
            int g = to - from;
            long[] index = new long[g * width];
            float[] mask = new float[g * width];
            for (int r = 0; r < g; r++) {
                int[] set = sets[order[from + r]];
                position[order[from + r]] = from + r;
                for (int k = 0; k < set.length; k++) {
                    index[r * width + k] = local[set[k]];
                    mask[r * width + k] = 1f;
                }
            }
            NDArray slots = scope.create(index);
            NDArray m = scope.create(mask, new Shape(g, width));
            NDArray rows = qkv.get(scope, new NDIndex("{}", slots)).reshape(g, width, 3, heads, headDim);
            NDArray q = rows.get(":, :, 0").transpose(0, 2, 1, 3);
            NDArray k = rows.get(":, :, 1").transpose(0, 2, 3, 1);
            NDArray v = rows.get(":, :, 2").transpose(0, 2, 1, 3);
            NDArray padding = m.neg().add(1f).mul(-1e9f).reshape(g, 1, 1, width);
            NDArray a = q.matMul(k).div((float) Math.sqrt(headDim)).add(padding).softmax(-1).matMul(v);
            NDArray count = m.sum(new int[] {1}, true).maximum(1f);
            attended.add(a.mul(m.reshape(g, 1, width, 1)).sum(new int[] {2}).reshape(g, d).div(count));
            NDArray xs = x.get(scope, new NDIndex("{}", slots)).reshape(g, width, d);
            means.add(xs.mul(m.expandDims(2)).sum(new int[] {1}).div(count));
            from = to;
        }
        NDArray sorted = Tensors.concat(attended).matMul(output).add(Tensors.concat(means));
        return sorted.get(scope, new NDIndex("{}", scope.create(position)));
    }

    private NDArray split(NDArray x, long b, long l) {
        return x.reshape(b, l, heads, headDim).transpose(0, 2, 1, 3);
    }
}
