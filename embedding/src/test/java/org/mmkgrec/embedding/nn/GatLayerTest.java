package org.mmkgrec.embedding.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The GAT layer on a 3-node graph small enough to work out by hand: x0 = (1, 0), x1 = (0, 1),
 * x2 = (1, 1); edges 0 -> 1, 2 -> 1, 1 -> 0 and a self loop on every node.
 */
class GatLayerTest {
    static final float[] X = {1, 0, 0, 1, 1, 1};
    static final long[] SOURCE = {0, 2, 1};
    static final long[] TARGET = {1, 1, 0};
    // head 1: W = I, head 2: W = 2I; a_src = (1, -3), a_dst = (0, 1) for both heads
    static final float[] W = {1, 0, 2, 0, 0, 1, 0, 2};
    static final float[] A_SRC = {1, -3, 1, -3};
    static final float[] A_DST = {0, 1, 0, 1};

    @Test
    void attentionWeightsAndOutputsMatchTheHandComputedOnes() {
        Engine engine = Engine.getEngine("PyTorch");
        EdgeGraph g = EdgeGraph.of(3, SOURCE, TARGET, true); // edges: 0->1, 2->1, 1->0, 0->0, 1->1, 2->2
        try (NDManager m = engine.newBaseManager()) {
            Params params = new Params(m);
            GatLayer concat = GatLayer.withWeights(params, "g", 2, 2, 2, true, W, A_SRC, A_DST);
            EdgeGraph.Bound bound = g.bind(m);
            NDArray x = m.create(X, new Shape(3, 2));
            float[] alpha = concat.attention(m, x, bound).toFloatArray(); // (edges, heads)

            // head 1 by hand. z = x; s_src = z.a_src = (1, -3, -2); s_dst = z.a_dst = (0, 1, 1).
            // into node 1: from 0: LeakyReLU(1 + 1) = 2; from 2: LeakyReLU(-2 + 1) = -0.2; self: LeakyReLU(-3 + 1) = -0.4
            double sum1 = Math.exp(2) + Math.exp(-0.2) + Math.exp(-0.4);
            assertThat(alpha[0 * 2]).isCloseTo((float) (Math.exp(2) / sum1), within(1e-5f)); // 0.832281
            assertThat(alpha[1 * 2]).isCloseTo((float) (Math.exp(-0.2) / sum1), within(1e-5f)); // 0.092220
            assertThat(alpha[4 * 2]).isCloseTo((float) (Math.exp(-0.4) / sum1), within(1e-5f)); // 0.075502
            assertThat(alpha[0 * 2]).isCloseTo(0.832281f, within(1e-5f));
            // into node 0: from 1: LeakyReLU(-3 + 0) = -0.6; self: LeakyReLU(1 + 0) = 1
            double sum0 = Math.exp(-0.6) + Math.exp(1);
            assertThat(alpha[2 * 2]).isCloseTo((float) (Math.exp(-0.6) / sum0), within(1e-5f)); // 0.167981
            assertThat(alpha[3 * 2]).isCloseTo(0.832019f, within(1e-5f));
            // node 2 has only its self loop
            assertThat(alpha[5 * 2]).isCloseTo(1f, within(1e-6f));

            // head 2 (z = 2x, every score doubled) against a plain-Java reference
            double[] ref = referenceAttention(2);
            for (int e = 0; e < g.edges(); e++) {
                assertThat(alpha[e * 2 + 1]).as("edge %d head 2", e).isCloseTo((float) ref[e], within(1e-5f));
            }

            // outputs: h_i = sum_j alpha_ij z_j, heads concatenated
            float[] h = concat.forward(m, x, bound).toFloatArray();
            float a01 = alpha[0], a21 = alpha[2], a11 = alpha[8];
            assertThat(h[4]).isCloseTo(a01 * 1 + a21 * 1 + a11 * 0, within(1e-5f)); // node 1, head 1, dim 0
            assertThat(h[5]).isCloseTo(a01 * 0 + a21 * 1 + a11 * 1, within(1e-5f)); // node 1, head 1, dim 1
            assertThat(new float[] {h[8], h[9], h[10], h[11]}).containsExactly(new float[] {1, 1, 2, 2}, within(1e-6f));

            // averaged heads: node 2 = mean(x2, 2 x2) = (1.5, 1.5)
            GatLayer mean = GatLayer.withWeights(new Params(m), "m", 2, 2, 2, false, W, A_SRC, A_DST);
            float[] hm = mean.forward(m, x, bound).toFloatArray();
            assertThat(hm).hasSize(6);
            assertThat(hm[4]).isCloseTo(1.5f, within(1e-6f));

            // the pass with the attention as fixed sparse weights gives the same outputs
            assertThat(concat.forward(m, x, bound, false).toFloatArray()).containsExactly(h, within(1e-6f));
            assertThat(mean.forward(m, x, bound, false).toFloatArray()).containsExactly(hm, within(1e-6f));
        }
    }

    @Test
    void gradientsReachTheWeightsAndTheAttentionVectors() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager()) {
            Params params = new Params(m);
            GatLayer layer = GatLayer.withWeights(params, "g", 2, 2, 2, true, W, A_SRC, A_DST);
            EdgeGraph.Bound bound = EdgeGraph.of(3, SOURCE, TARGET, true).bind(m);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray out = layer.forward(m, m.create(X, new Shape(3, 2)), bound);
                gc.backward(out.get(1).sum());
            }
            // node 1's output depends on the attention logits, so a_src gets a non-zero gradient
            assertThat(params.get("g.a_src").getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(params.get("g.w").getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void aNodeWhoseScoresLieFarBelowAnotherNodesKeepsItsSoftmax() {
        // one head, W = I, a_src = (1, 0), a_dst = (0, 0): an edge scores its source's first coordinate.
        // Node 0 scores 1000 on its self loop; node 1 hears itself (score 0) and node 2 (score 1):
        // softmax(0, 1) = (0.2689, 0.7311), so h1 = 0.2689 (0, 1) + 0.7311 (1, 0), whatever node 0 does.
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager()) {
            Params params = new Params(m);
            GatLayer layer = GatLayer.withWeights(params, "g", 2, 2, 1, true, new float[] {1, 0, 0, 1},
                    new float[] {1, 0}, new float[] {0, 0});
            EdgeGraph.Bound bound = EdgeGraph.of(3, new long[] {2}, new long[] {1}, true).bind(m);
            NDArray x = m.create(new float[] {1000, 0, 0, 1, 1, 0}, new Shape(3, 2));
            float[] h;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray out = layer.forward(m, x, bound);
                h = out.toFloatArray();
                gc.backward(out.sum());
            }
            double a = 1 / (1 + Math.E);
            assertThat(h[2]).isCloseTo((float) (1 - a), within(1e-5f));
            assertThat(h[3]).isCloseTo((float) a, within(1e-5f));
            float[] grad = params.get("g.a_src").getGradient().toFloatArray();
            for (float g : grad) {
                assertThat(Float.isFinite(g)).isTrue();
            }
        }
    }

    @Test
    void edgesOutsideTheGraphAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdgeGraph.of(2, new long[] {0}, new long[] {2}, false))
                .hasMessageContaining("edge 0 (0 -> 2)");
    }

    /** GAT attention for head {@code scale} (z = scale * x) on plain doubles, edge order as in the graph. */
    private static double[] referenceAttention(double scale) {
        long[] src = {0, 2, 1, 0, 1, 2};
        long[] dst = {1, 1, 0, 0, 1, 2};
        double[][] z = {{scale, 0}, {0, scale}, {scale, scale}};
        double[] e = new double[src.length];
        for (int k = 0; k < e.length; k++) {
            double v = z[(int) src[k]][0] * 1 + z[(int) src[k]][1] * -3 + z[(int) dst[k]][0] * 0 + z[(int) dst[k]][1] * 1;
            e[k] = v > 0 ? v : 0.2 * v;
        }
        double[] out = new double[e.length];
        for (int k = 0; k < e.length; k++) {
            double sum = 0;
            for (int j = 0; j < e.length; j++) {
                if (dst[j] == dst[k]) {
                    sum += Math.exp(e[j]);
                }
            }
            out[k] = Math.exp(e[k]) / sum;
        }
        return out;
    }
}
