package org.mmkgrec.embedding.train;

import java.util.Locale;
import org.mmkgrec.embedding.eval.EpochProgress;

/**
 * Watches a fit (DJL's {@code TrainingListener} idea): the {@link Trainer} calls every listener at the
 * start, after each epoch and at the end; the progress bar and the summary lines on stderr are
 * listeners, and callers may add their own ({@link Trainer#fit(Trainable, org.mmkgrec.embedding.data.InteractionData,
 * TrainOptions, java.util.List)}).
 */
public interface TrainListener {
    /** @param metric the watched eval metric's label, or null when nothing is watched */
    default void onStart(String model, Trainable.Schedule schedule, String metric) {}

    /** After epoch {@code epoch} (1-based); {@code eval} is the check's value at check epochs, else null. */
    default void onEpoch(int epoch, double loss, Double eval, double bestEval, int bestEpoch) {}

    /** Once, with what the fit did (also after a divergence stop is not reached: the fit threw). */
    default void onEnd(TrainHistory history) {}

    /** The progress bar: epoch of epochs, loss, the last check and the best, seconds per epoch, ETA. */
    static TrainListener progress() {
        return new TrainListener() {
            private EpochProgress bar;

            @Override
            public void onStart(String model, Trainable.Schedule schedule, String metric) {
                bar = new EpochProgress(model, schedule.epochs(), metric == null ? "-" : metric);
            }

            @Override
            public void onEpoch(int epoch, double loss, Double eval, double bestEval, int bestEpoch) {
                bar.epoch(loss, eval, bestEval, bestEpoch);
            }

            @Override
            public void onEnd(TrainHistory history) {
                bar.close();
            }
        };
    }

    /** One line on stderr when early stopping ended the fit or the popularity prior was kept. */
    static TrainListener summary() {
        return new TrainListener() {
            @Override
            public void onEnd(TrainHistory h) {
                if (h.stoppedEarly()) {
                    System.err.printf(Locale.ROOT, "  %s: early stop after epoch %d, best eval %s %.4f at epoch %d (kept)%n",
                            h.model(), h.epochsRun(), h.metric(), h.evalBefore(), h.bestEpoch());
                }
                if (h.priorLambda() > 0) {
                    System.err.printf(Locale.ROOT, "  %s: popularity prior lambda %.2f, eval %s %.4f -> %.4f%n", h.model(),
                            h.priorLambda(), h.metric(), h.evalBefore(), h.evalAfter());
                }
            }
        };
    }
}
