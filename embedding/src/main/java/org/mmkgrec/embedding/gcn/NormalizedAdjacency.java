package org.mmkgrec.embedding.gcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The symmetric normalised adjacency {@code D^-1/2 A D^-1/2} of the bipartite user-item graph of the
 * training positives, in COO form: node {@code u} is user {@code u}, node {@code users + i} is item
 * {@code i}; each positive (u, i) gives the entries (u, users + i) and (users + i, u), both
 * {@code 1 / sqrt(deg(u) * deg(i))}. This is LightGCN's propagation matrix.
 *
 * @param size    users + items
 * @param rows    row index of each non-zero
 * @param columns column index of each non-zero
 * @param values  the normalised weights
 */
public record NormalizedAdjacency(int size, long[] rows, long[] columns, float[] values) {

    public static NormalizedAdjacency of(int users, int items, int[][] positives) {
        return of(users, items, positives, false);
    }

    /**
     * @param selfLoops whether every node also links to itself ({@code D^-1/2 (A + I) D^-1/2}, the
     *                  degrees counting the loop; BM3's propagation matrix)
     */
    public static NormalizedAdjacency of(int users, int items, int[][] positives, boolean selfLoops) {
        int n = users + items;
        int loop = selfLoops ? 1 : 0;
        int[] degree = new int[n];
        java.util.Arrays.fill(degree, loop);
        long nnz = selfLoops ? n : 0;
        for (int u = 0; u < users; u++) {
            for (int i : positives[u]) {
                degree[u]++;
                degree[users + i]++;
                nnz += 2;
            }
        }
        long[] rows = new long[(int) nnz];
        long[] cols = new long[(int) nnz];
        float[] vals = new float[(int) nnz];
        int k = 0;
        for (int u = 0; u < users; u++) {
            for (int i : positives[u]) {
                float w = (float) (1.0 / Math.sqrt((double) degree[u] * degree[users + i]));
                rows[k] = u;
                cols[k] = users + i;
                vals[k++] = w;
                rows[k] = users + i;
                cols[k] = u;
                vals[k++] = w;
            }
        }
        if (selfLoops) {
            for (int v = 0; v < n; v++) {
                rows[k] = v;
                cols[k] = v;
                vals[k++] = 1f / degree[v];
            }
        }
        return new NormalizedAdjacency(n, rows, cols, vals);
    }

    public int nonZeros() {
        return values.length;
    }

    /**
     * The matrix as a sparse COO array on DJL's PyTorch engine. Built with
     * {@code JniUtils.createSparseCoo} from index and value arrays that stay attached to
     * {@code manager}, so they live as long as the matrix (STACK.md: {@code NDManager.createCoo}
     * frees them too early).
     */
    public NDArray toSparse(NDManager manager) {
        long[] flat = new long[2 * nonZeros()];
        System.arraycopy(rows, 0, flat, 0, nonZeros());
        System.arraycopy(columns, 0, flat, nonZeros(), nonZeros());
        NDArray indices = manager.create(flat, new Shape(2, nonZeros()));
        NDArray weights = manager.create(values);
        return JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) weights, new Shape(size, size));
    }
}
