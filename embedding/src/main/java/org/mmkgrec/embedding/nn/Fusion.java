package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a multimodal model combines its modalities (the fusion families of the multimodal
 * recommendation overview), chosen with {@code --param <model>.fusion=early|late|attention}:
 * <ul>
 *   <li>{@link #EARLY}: the modalities' features are concatenated before the model sees them, so
 *       the model has one content input;</li>
 *   <li>{@link #LATE}: one representation (and one score) per modality, combined after: the mean of
 *       the per-modality scores;</li>
 *   <li>{@link #ATTENTION}: like late, but each user weighs the modality scores by
 *       {@code softmax(W_a^T p_u/|p_u| + b_a)}, learned; the weights are part of the model's answer.</li>
 * </ul>
 */
public enum Fusion {
    EARLY, LATE, ATTENTION;

    /** The name an early-fused input takes: the modality names joined by {@code +}. */
    public static String fusedName(Map<String, float[][]> modalities) {
        return String.join("+", modalities.keySet());
    }

    /**
     * The content inputs a model sees: EARLY gives one matrix (the concatenation, named
     * {@link #fusedName}); LATE and ATTENTION give the modalities as they are. No modality: none.
     */
    public Map<String, float[][]> arrange(Map<String, float[][]> modalities, int items) {
        if (this != EARLY || modalities.size() <= 1) {
            return new LinkedHashMap<>(modalities);
        }
        Map<String, float[][]> out = new LinkedHashMap<>();
        int width = 0;
        for (float[][] m : modalities.values()) {
            width += m[0].length;
        }
        float[][] rows = new float[items][width];
        int offset = 0;
        for (float[][] m : modalities.values()) {
            int f = m[0].length;
            for (int i = 0; i < items; i++) {
                System.arraycopy(m[i], 0, rows[i], offset, f);
            }
            offset += f;
        }
        out.put(fusedName(modalities), rows);
        return out;
    }

    /**
     * Attention weights over {@code M} modalities: {@code softmax(x^ W + b)} row by row, {@code x} of
     * shape (n, d) taken at unit length ({@code x^}), {@code w} (d, M), {@code b} (M); each row sums
     * to one. The unit length keeps the logits from growing with the user vector's norm: with the raw
     * vector every user's weights went one-hot (mf-side on Last.FM: 10 of 11 users weighed text 0.99+,
     * one id), so the fusion picked one modality per user. With it, mf-side on Last.FM ends with nearly
     * the same weights for every user (id 0.997, text 0.003): a learned mix, scored higher on the eval
     * split (README), but with little per-user variation.
     */
    public static NDArray weights(NDArray x, NDArray w, NDArray b) {
        NDArray unit = x.div(x.norm(new int[] {1}, true).add(1e-9f));
        return unit.matMul(w).add(b).softmax(1);
    }

    /** A host matrix as an (n, f) array on {@code manager}. */
    public static NDArray matrix(NDManager manager, float[][] rows) {
        int n = rows.length;
        int f = n == 0 ? 0 : rows[0].length;
        float[] flat = new float[n * f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * f, f);
        }
        return manager.create(flat, new Shape(n, f));
    }
}
