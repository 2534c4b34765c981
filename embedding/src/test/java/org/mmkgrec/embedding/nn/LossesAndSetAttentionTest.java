package org.mmkgrec.embedding.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesAndSetAttentionTest {

    @Test
    void lossesMatchTheirFormulas() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // BPR: -ln sigmoid(2 - 0) = ln(1 + e^-2)
            assertThat(Losses.bpr(m.create(new float[] {2f}), m.create(new float[] {0f})).getFloat())
                    .isCloseTo((float) Math.log(1 + Math.exp(-2)), within(1e-6f));
            // BCE: positive logit 0 and negative logit 0 both cost ln 2; a confident right answer costs ~0
            assertThat(Losses.bce(m.create(new float[] {0f}), m.create(new float[] {0f})).getFloat())
                    .isCloseTo((float) Math.log(2), within(1e-6f));
            assertThat(Losses.bce(m.create(new float[] {20f}), m.create(new float[] {-20f})).getFloat()).isLessThan(1e-6f);
            // sampled softmax: -ln(e^1 / (e^1 + e^0 + e^0))
            NDArray negatives = m.create(new float[] {0f, 0f}, new Shape(1, 2));
            assertThat(Losses.sampledSoftmax(m.create(new float[] {1f}), negatives).getFloat())
                    .isCloseTo((float) Math.log((Math.E + 2) / Math.E), within(1e-6f));
            // BPR against N negatives averages the N pairs
            NDArray two = m.create(new float[] {0f, 2f}, new Shape(1, 2));
            assertThat(Losses.of(Losses.Kind.BPR, m.create(new float[] {2f}), two).getFloat())
                    .isCloseTo((float) ((Math.log(1 + Math.exp(-2)) + Math.log(2)) / 2), within(1e-6f));
        }
        assertThat(Losses.Kind.parse("Softmax")).isEqualTo(Losses.Kind.SOFTMAX);
        assertThatThrownBy(() -> Losses.Kind.parse("hinge")).hasMessageContaining("valid: bpr, bce, softmax");
    }

    @Test
    void setAttentionIgnoresPaddingAndPoolsAnEmptySetToZero() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            SetAttention attention = new SetAttention(new Params(m), "s", 4, 2);
            // row 0: one real element then padding with junk values; row 1: the same element, other junk
            float[] x = {1, 2, 3, 4, 9, 9, 9, 9, -5, 7, 0, 1,
                         1, 2, 3, 4, 0, 0, 0, 0, 3, 3, 3, 3,
                         8, 8, 8, 8, 1, 1, 1, 1, 2, 2, 2, 2};
            float[] mask = {1, 0, 0, 1, 0, 0, 0, 0, 0};
            float[] out = attention.forward(m.create(x, new Shape(3, 3, 4)), m.create(mask, new Shape(3, 3))).toFloatArray();
            for (int k = 0; k < 4; k++) {
                assertThat(out[k]).isCloseTo(out[4 + k], within(1e-5f));
                assertThat(out[8 + k]).isEqualTo(0f);
            }
            // a single element attends only to itself: x + (x Wv) Wo
            float[] alone = attention.forward(m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 4)),
                    m.create(new float[] {1}, new Shape(1, 1))).toFloatArray();
            assertThat(alone).containsExactly(new float[] {out[0], out[1], out[2], out[3]}, within(1e-5f));
        }
    }

    @Test
    void setsOfRowsArePaddedToTheLongestAndGetTheSameAnswerAsTheirOwnPaddedForward() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            SetAttention attention = new SetAttention(new Params(m), "s", 8, 2);
            Random random = new Random(9);
            float[] values = new float[30 * 8];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) random.nextGaussian();
            }
            NDArray items = m.create(values, new Shape(30, 8));
            int[][] sets = {{3, 7, 7}, {}, {12}};
            try (NDManager scope = m.newSubManager()) {
                float[] out = attention.forward(scope, items, sets).toFloatArray();
                // each set alone, padded to its own length: padding never changes a view
                for (int r = 0; r < sets.length; r++) {
                    float[] alone = attention.forward(scope, items, new int[][] {sets[r]}).toFloatArray();
                    assertThat(java.util.Arrays.copyOfRange(out, 8 * r, 8 * r + 8)).containsExactly(alone, within(1e-5f));
                }
                for (int k = 0; k < 8; k++) {
                    assertThat(out[8 + k]).isEqualTo(0f); // the empty set
                }
            }
        }
    }

    @Test
    void concatenatingOneArrayKeepsItsGradient() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f});
            x.setRequiresGradient(true);
            try (NDManager scope = m.newSubManager();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(Tensors.concat(new ai.djl.ndarray.NDList(x.mul(3f)), 0).sum());
                assertThat(x.getGradient().toFloatArray()).containsExactly(3f, 3f);
            }
        }
    }

}
