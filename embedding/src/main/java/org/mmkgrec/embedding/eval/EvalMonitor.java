package org.mmkgrec.embedding.eval;

import java.util.ArrayList;
import java.util.List;
import org.mmkgrec.embedding.data.InteractionData;

/**
 * The eval-split AUC of a model's vectors during training, every {@link #EVERY} epochs and at the
 * last, for the progress line and the training page. The eval split is the store's own (never the
 * held-out test part); a store without eval rows of both labels has nothing to monitor.
 */
public final class EvalMonitor {
    public static final int EVERY = 10;

    private final InteractionData data;
    private final boolean active;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Double> aucs = new ArrayList<>();

    public EvalMonitor(InteractionData data) {
        this.data = data;
        boolean pos = false;
        boolean neg = false;
        for (int label : data.evalLabels) {
            pos |= label == 1;
            neg |= label != 1;
        }
        this.active = pos && neg;
    }

    /** Whether epoch {@code epoch} (0-based) of {@code total} is a checkpoint. */
    public boolean due(int epoch, int total) {
        return active && ((epoch + 1) % EVERY == 0 || epoch + 1 == total);
    }

    /** Records and returns the AUC of dot-product scores on the eval rows. */
    public double record(int epoch, float[][] users, float[][] items) {
        double[] scores = new double[data.evalUsers.length];
        for (int k = 0; k < scores.length; k++) {
            float[] u = users[data.evalUsers[k]];
            float[] i = items[data.evalItems[k]];
            double dot = 0;
            for (int x = 0; x < u.length; x++) {
                dot += u[x] * i[x];
            }
            scores[k] = dot;
        }
        double auc = Metrics.auc(scores, data.evalLabels);
        epochs.add(epoch + 1);
        aucs.add(auc);
        return auc;
    }

    /** 1-based epochs of the checkpoints. */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /** Eval AUC at each checkpoint. */
    public List<Double> aucs() {
        return List.copyOf(aucs);
    }
}
