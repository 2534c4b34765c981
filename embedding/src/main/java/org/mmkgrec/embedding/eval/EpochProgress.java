package org.mmkgrec.embedding.eval;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A training progress bar on stderr: epoch of epochs, ETA, the last epoch's loss, the last
 * checkpoint's eval AUC (models with an {@link EvalMonitor}) and seconds per epoch. Every model's training loop reports through it.
 */
public final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;
    private long last = System.nanoTime();
    private String lastAuc = "";

    public EpochProgress(String model, int epochs) {
        this.bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "train %-8s", model))
                .setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .setUnit(" epochs", 1).showSpeed().setSpeedUnit(ChronoUnit.MINUTES).setMaxRenderedLength(150).build();
    }

    /** One epoch done, with its mean loss. */
    public void epoch(double loss) {
        epoch(loss, null);
    }

    /** One epoch done, with its mean loss and, at checkpoints, the eval-split AUC (else null). */
    public void epoch(double loss, Double evalAuc) {
        long now = System.nanoTime();
        if (evalAuc != null) {
            lastAuc = String.format(Locale.ROOT, ", eval AUC %.4f", evalAuc);
        }
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f%s, %.2f s/epoch", loss, lastAuc, (now - last) / 1e9));
        last = now;
        bar.step();
    }

    @Override
    public void close() {
        bar.close();
    }
}
