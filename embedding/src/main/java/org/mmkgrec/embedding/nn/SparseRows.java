package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/**
 * A trainable table of row vectors (free node embeddings) kept on the host and trained row-sparsely
 * with Adam, as TensorFlow's LazyAdam and PyTorch's {@code SparseAdam} do: a step copies in only the
 * rows it reads and updates only those, so its cost follows the batch, not the table. A dense
 * parameter would cost a gradient and an Adam update over every row at every step (at 10x Last.FM,
 * ~100k rows: most of a sampled step's time).
 *
 * <p>Use: {@link #rows} once per step inside the step's scope, then {@link #update} after the
 * backward pass and before the scope closes. Adam as DJL's ({@code beta1 0.9, beta2 0.999, eps 1e-8},
 * bias-corrected by this table's step count); rows a step does not read keep their moments.
 */
public final class SparseRows {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final int size;
    private final int dim;
    private final float learningRate;
    private final float[] value;
    private final float[] first;
    private final float[] second;
    private int steps;
    private long[] pendingRows;
    private NDArray pending;

    /** {@code size} rows of {@code dim}, drawn from N(0, std^2) by {@code random}. */
    public SparseRows(int size, int dim, float std, Random random, float learningRate) {
        this(dim, learningRate, gaussian(size * dim, std, random));
    }

    /** Rows of {@code dim} starting from {@code values} (row-major; kept, not copied). */
    public static SparseRows of(float[] values, int dim, float learningRate) {
        return new SparseRows(dim, learningRate, values);
    }

    private SparseRows(int dim, float learningRate, float[] values) {
        if (dim < 1 || values.length % dim != 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("dim >= 1 dividing the values, learningRate > 0");
        }
        this.size = values.length / dim;
        this.dim = dim;
        this.learningRate = learningRate;
        value = values;
        first = new float[value.length];
        second = new float[value.length];
    }

    private static float[] gaussian(int n, float std, Random random) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) random.nextGaussian() * std;
        }
        return v;
    }

    public int size() {
        return size;
    }

    /**
     * Rows {@code ids} (repeats allowed) as a {@code (ids.length, dim)} array on {@code scope} whose
     * gradient the next {@link #update} applies.
     */
    public NDArray rows(NDManager scope, long[] ids) {
        if (pending != null) {
            throw new IllegalStateException("rows read twice in one step: update() first");
        }
        long[] distinct = Arrays.stream(ids).distinct().toArray();
        float[] copy = new float[distinct.length * dim];
        java.util.Map<Long, Integer> position = new java.util.HashMap<>(distinct.length * 2);
        for (int k = 0; k < distinct.length; k++) {
            long r = distinct[k];
            if (r < 0 || r >= size) {
                throw new IllegalArgumentException("row " + r + " is outside 0.." + (size - 1));
            }
            position.put(r, k);
            System.arraycopy(value, (int) r * dim, copy, k * dim, dim);
        }
        NDArray leaf = scope.create(copy, new Shape(distinct.length, dim));
        leaf.setRequiresGradient(true);
        pending = leaf;
        pendingRows = distinct;
        if (distinct.length == ids.length && Arrays.equals(distinct, ids)) {
            return leaf;
        }
        long[] at = new long[ids.length];
        for (int k = 0; k < ids.length; k++) {
            at[k] = position.get(ids[k]);
        }
        return leaf.get(scope, new NDIndex("{}", scope.create(at)));
    }

    /** One Adam step on the rows read since the last update, from their gradients; no-op when none were read. */
    public void update() {
        if (pending == null) {
            return;
        }
        float[] g = pending.getGradient().toFloatArray();
        long[] rows = pendingRows;
        pending = null;
        pendingRows = null;
        steps++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        float rate = (float) (learningRate * correction);
        for (int k = 0; k < rows.length; k++) {
            int base = (int) rows[k] * dim;
            for (int j = 0; j < dim; j++) {
                float grad = g[k * dim + j];
                int at = base + j;
                first[at] = BETA1 * first[at] + (1 - BETA1) * grad;
                second[at] = BETA2 * second[at] + (1 - BETA2) * grad * grad;
                value[at] -= rate * first[at] / ((float) Math.sqrt(second[at]) + EPSILON);
            }
        }
    }

    /** Forgets the rows read since the last update without changing them (a pass that does not train). */
    public void discard() {
        pending = null;
        pendingRows = null;
    }

    /** The whole table {@code (size, dim)} on {@code scope}, for inference. */
    public NDArray all(NDManager scope) {
        return scope.create(value, new Shape(size, dim));
    }
}
