package org.mmkgrec.embedding.eval;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A training progress bar on stderr: epoch of epochs, ETA, the last epoch's loss, the last check's
 * eval-split metric with the best so far, and seconds per epoch. The trainer reports through it.
 */
public final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final String metric;
    private long last = System.nanoTime();
    private String lastEval = "";

    public EpochProgress(String model, int epochs, String metric) {
        this.metric = metric;
        this.bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "train %-8s", model))
                .setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .setUnit(" epochs", 1).showSpeed().setSpeedUnit(ChronoUnit.MINUTES).setMaxRenderedLength(170).build();
    }

    /** One epoch done, with its mean loss and, at checks, the eval metric (else null) and the best so far. */
    public void epoch(double loss, Double eval, double best, int bestEpoch) {
        long now = System.nanoTime();
        if (eval != null) {
            lastEval = String.format(Locale.ROOT, ", eval %s %.4f (best %.4f @%d)", metric, eval, best, bestEpoch);
        }
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f%s, %.2f s/epoch", loss, lastEval, (now - last) / 1e9));
        last = now;
        bar.step();
    }

    @Override
    public void close() {
        bar.close();
    }
}
