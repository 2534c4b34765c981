package org.mmkgrec.embedding.eval;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A training progress bar on stderr: epoch of epochs, ETA, the last epoch's loss and seconds per
 * epoch. Every model's training loop reports through it.
 */
public final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;
    private long last = System.nanoTime();

    public EpochProgress(String model, int epochs) {
        this.bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "train %-8s", model))
                .setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                .setUnit(" epochs", 1).showSpeed().setSpeedUnit(ChronoUnit.MINUTES).setMaxRenderedLength(150).build();
    }

    /** One epoch done, with its mean loss. */
    public void epoch(double loss) {
        long now = System.nanoTime();
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.2f s/epoch", loss, (now - last) / 1e9));
        last = now;
        bar.step();
    }

    @Override
    public void close() {
        bar.close();
    }
}
