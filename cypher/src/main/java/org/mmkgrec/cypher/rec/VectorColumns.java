package org.mmkgrec.cypher.rec;

import java.util.Arrays;

/**
 * Vectors of one dimension stored column by column, one array per dimension ({@code data[d][c]} is
 * dimension {@code d} of column {@code c}), so scoring every column against a query is a sequence of
 * {@code scores[c] += q[d] * data[d][c]} passes: no reduction inside the loop and the same index on
 * both arrays, which the JIT compiles to SIMD instructions (with one flat array and an offset, C2
 * cannot rule out overlap and stays scalar: 4x slower, measured with bench/run.sh). Columns belong to nodes of a {@link ServingGraph}; a node's
 * vector is overwritten in place, a new node's appended, a removed node's column left empty.
 */
final class VectorColumns {
    private int dim;
    private int n;
    private int capacity = 64;
    private float[][] data = new float[0][];
    /** The node of each column; -1 for an emptied column. */
    private int[] node = new int[64];
    /** The column of each node; -1 for none. */
    private int[] columnOf = new int[0];

    /** Sets (or, with null or a vector of another dimension than the first one stored, clears) a node's vector. */
    void set(int at, float[] v) {
        if (at >= columnOf.length) {
            int old = columnOf.length;
            columnOf = Arrays.copyOf(columnOf, Math.max(at + 1, old * 2));
            Arrays.fill(columnOf, old, columnOf.length, -1);
        }
        if (v != null && dim == 0) {
            dim = v.length;
            data = new float[dim][capacity];
        }
        int c = columnOf[at];
        if (v == null || v.length != dim) {
            if (c >= 0) {
                node[c] = -1;
                columnOf[at] = -1;
            }
            return;
        }
        if (c < 0) {
            if (n == capacity) {
                grow();
            }
            c = n++;
            node[c] = at;
            columnOf[at] = c;
        }
        for (int d = 0; d < dim; d++) {
            data[d][c] = v[d];
        }
    }

    private void grow() {
        int cap = capacity * 2;
        for (int d = 0; d < dim; d++) {
            data[d] = Arrays.copyOf(data[d], cap);
        }
        node = Arrays.copyOf(node, cap);
        capacity = cap;
    }

    int dim() {
        return dim;
    }

    /** Columns in use or emptied: the bound of {@link #node} indexes. */
    int size() {
        return n;
    }

    /** The node of column {@code c}, -1 when emptied. */
    int node(int c) {
        return node[c];
    }

    /** Columns scored per block: 4,096 floats of {@code out} (16 KiB) stay in the L1 cache across the dimensions. */
    private static final int BLOCK = 4096;

    /** {@code out[c] = q . column c} for every column ({@code out} at least {@link #size} long; q of {@link #dim}). */
    void scan(float[] q, float[] out) {
        Arrays.fill(out, 0, n, 0f);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int d = 0; d < dim; d++) {
                float qd = q[d];
                float[] row = data[d];
                for (int c = from; c < to; c++) {
                    out[c] += qd * row[c];
                }
            }
        }
    }

    long bytes() {
        return 4L * dim * capacity + 4L * node.length + 4L * columnOf.length;
    }
}
