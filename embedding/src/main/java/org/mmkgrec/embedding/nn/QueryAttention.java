package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Multi-head attention of one query vector over a padded set of tokens (UHMAN's user-conditioned
 * attention over an item's content, LOGO's pooling of a modality): for query {@code q (B, d)},
 * tokens {@code x (B, L, d)} and {@code mask (B, L)} (1 = a real token), per head
 * {@code softmax((q W_q)(x W_k)^T / sqrt(d_h)) (x W_v)}, heads concatenated and projected by
 * {@code W_o}. The same arithmetic runs on plain arrays ({@link #apply}) for scoring from a copy of
 * the parameters; a test checks both agree.
 */
public final class QueryAttention {
    private final String name;
    private final int dimension;
    private final int heads;
    private final int headDim;

    public QueryAttention(String name, int dimension, int heads) {
        if (heads < 1 || dimension % heads != 0) {
            throw new IllegalArgumentException("dimension " + dimension + " is not a multiple of " + heads + " heads");
        }
        this.name = name;
        this.dimension = dimension;
        this.heads = heads;
        this.headDim = dimension / heads;
    }

    /** Creates {@code name.q}, {@code .k}, {@code .v}, {@code .o}, each {@code (d, d)}, Xavier-initialised. */
    public void create(Params params) {
        for (String p : new String[] {"q", "k", "v", "o"}) {
            params.xavier(name + "." + p, dimension, dimension);
        }
    }

    /** {@code (B, d)}: the attended tokens of each row. */
    public NDArray forward(Params params, NDArray query, NDArray tokens, NDArray mask) {
        long b = tokens.getShape().get(0);
        long l = tokens.getShape().get(1);
        NDArray q = query.matMul(params.get(name + ".q")).reshape(b, heads, 1, headDim);
        NDArray k = tokens.matMul(params.get(name + ".k")).reshape(b, l, heads, headDim).transpose(0, 2, 1, 3);
        NDArray v = tokens.matMul(params.get(name + ".v")).reshape(b, l, heads, headDim).transpose(0, 2, 1, 3);
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headDim));
        NDArray padding = mask.neg().add(1f).mul(-1e9f).reshape(b, 1, 1, l);
        NDArray attended = logits.add(padding).softmax(-1).matMul(v).reshape(b, dimension);
        return attended.matMul(params.get(name + ".o"));
    }

    /**
     * {@link #forward} for one row on plain arrays: {@code parameters} holds the flattened weights
     * by name, {@code tokens} the real tokens only (no padding).
     */
    public double[] apply(Map<String, float[]> parameters, double[] query, double[][] tokens) {
        float[] wq = parameters.get(name + ".q");
        float[] wk = parameters.get(name + ".k");
        float[] wv = parameters.get(name + ".v");
        float[] wo = parameters.get(name + ".o");
        double[] q = times(query, wq);
        int l = tokens.length;
        double[][] k = new double[l][];
        double[][] v = new double[l][];
        for (int j = 0; j < l; j++) {
            k[j] = times(tokens[j], wk);
            v[j] = times(tokens[j], wv);
        }
        double[] concat = new double[dimension];
        double scale = Math.sqrt(headDim);
        for (int h = 0; h < heads; h++) {
            int off = h * headDim;
            double[] logits = new double[l];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < l; j++) {
                double s = 0;
                for (int c = 0; c < headDim; c++) {
                    s += q[off + c] * k[j][off + c];
                }
                logits[j] = s / scale;
                max = Math.max(max, logits[j]);
            }
            double z = 0;
            for (int j = 0; j < l; j++) {
                logits[j] = Math.exp(logits[j] - max);
                z += logits[j];
            }
            for (int j = 0; j < l; j++) {
                double a = logits[j] / z;
                for (int c = 0; c < headDim; c++) {
                    concat[off + c] += a * v[j][off + c];
                }
            }
        }
        return times(concat, wo);
    }

    /** {@code x W} for a row vector and a flattened {@code (d, d)} matrix. */
    private double[] times(double[] x, float[] w) {
        double[] out = new double[dimension];
        for (int r = 0; r < dimension; r++) {
            double xr = x[r];
            if (xr == 0) {
                continue;
            }
            int base = r * dimension;
            for (int c = 0; c < dimension; c++) {
                out[c] += xr * w[base + c];
            }
        }
        return out;
    }
}
