package org.mmkgrec.embedding.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmkgrec.embedding.data.InteractionData;

/**
 * The training loop of every DJL model. Per fit:
 * <ol>
 *   <li>seeds DJL's engine and a {@link java.util.Random} from the model's own seed, so a model's
 *       result does not depend on what the process trained before it;</li>
 *   <li>opens the fit's NDManager, Adam at the model's learning rate, and lets the model
 *       {@linkplain Trainable#build build} its parameters;</li>
 *   <li>runs epochs; stops with {@link DivergedException} when an epoch's loss or the vectors are
 *       not finite before any eval check; after one, a non-finite loss ends the fit like early
 *       stopping (the best check is kept, the divergence printed);</li>
 *   <li>every {@link TrainOptions#interval} epochs (and at the last) scores the eval split
 *       ({@link Validation}); keeps the vectors of the best check; stops when
 *       {@link TrainOptions#patience()} checks in a row did not improve it (RecBole's
 *       {@code stopping_step});</li>
 *   <li>returns the best check's vectors (the last epoch's when the data has no eval split), with the
 *       popularity prior fitted on the eval split when enabled ({@link PopularityPrior}).</li>
 * </ol>
 */
public final class Trainer {

    /** A fit's outcome: the vectors kept and what happened. */
    public record Result(Snapshot vectors, TrainHistory history) {}

    /** The loss or the vectors stopped being finite. */
    public static final class DivergedException extends IllegalStateException {
        public DivergedException(String message) {
            super(message);
        }
    }

    private Trainer() {}

    /** With the progress bar and the summary lines. */
    public static Result fit(Trainable model, InteractionData data, TrainOptions options) {
        return fit(model, data, options, List.of(TrainListener.progress(), TrainListener.summary()));
    }

    /**
     * @param data the training side and its eval split; null for models trained on something else (TransE on the KG alone)
     * @param listeners called at the start, after each epoch and at the end, in order
     */
    public static Result fit(Trainable model, InteractionData data, TrainOptions options, List<TrainListener> listeners) {
        Validation validation = data == null ? null : new Validation(data, options.metricFor(data));
        return fit(model, data, validation, options, listeners);
    }

    /**
     * A fit watched by {@code monitor} instead of a user-item eval split, for models that score
     * something else (the tag models: a tag ranking on the validation posts). Early stopping, the
     * divergence check and restoring the best check work as above; there is no popularity prior.
     */
    public static Result fit(Trainable model, Monitor monitor, TrainOptions options, List<TrainListener> listeners) {
        return fit(model, null, monitor, options, listeners);
    }

    /** A figure of a snapshot on held-out data the model did not train on, higher better. */
    public interface Monitor {
        /** The figure's name in progress lines and the history. */
        String label();

        /** Whether there is anything to watch (else the last epoch's vectors are kept). */
        boolean available();

        double of(Snapshot s);
    }

    private static Result fit(Trainable model, InteractionData data, Monitor validation, TrainOptions options,
            List<TrainListener> listeners) {
        Trainable.Schedule schedule = model.schedule();
        boolean watch = validation != null && validation.available();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(schedule.seed());
        List<Double> losses = new ArrayList<>();
        List<Integer> checkEpochs = new ArrayList<>();
        List<Double> checkValues = new ArrayList<>();
        Snapshot best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        double loopSeconds;
        boolean stoppedEarly = false;
        double setupSeconds = 0;
        long loopStart = System.nanoTime();
        String label = validation == null ? "-" : validation.label();
        int every = watch && data != null ? options.interval(data.trainPositiveCount()) : options.evalEvery();
        if (watch && data != null && every < options.evalEvery()) {
            System.err.printf(Locale.ROOT, "  %s: eval check every %d epoch(s), not %d: an epoch holds %,d training positives "
                    + "(checks at least every %,d)%n", model.name(), every, options.evalEvery(), data.trainPositiveCount(),
                    options.checkWithin());
        }
        try (NDManager manager = engine.newBaseManager(engine.defaultDevice())) {
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(schedule.learningRate())).build();
            TrainContext context = new TrainContext(manager, adam, schedule.seed());
            long b0 = System.nanoTime();
            model.build(context, data);
            setupSeconds = (System.nanoTime() - b0) / 1e9;
            loopStart = System.nanoTime();
            for (TrainListener l : listeners) {
                l.onStart(model.name(), schedule, watch ? label : null);
            }
            try {
                for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
                    double loss = model.epoch(context, epoch);
                    if (!Double.isFinite(loss)) {
                        DivergedException e = diverged(model, schedule, epoch, "loss " + loss);
                        if (best == null) {
                            losses.add(loss);
                            throw e;
                        }
                        // a late divergence does not throw away the best check: stop, as early stopping would
                        System.err.printf(Locale.ROOT, "  %s; stopped, keeping the best check (epoch %d, eval %s %.4f)%n",
                                e.getMessage(), bestEpoch, label, bestValue);
                        stoppedEarly = true;
                        break;
                    }
                    losses.add(loss);
                    boolean last = epoch + 1 == schedule.epochs();
                    Double value = null;
                    if (watch && ((epoch + 1) % every == 0 || last)) {
                        Snapshot s = model.snapshot(context);
                        if (!s.finite()) {
                            throw diverged(model, schedule, epoch, "vectors not finite");
                        }
                        value = validation.of(s);
                        checkEpochs.add(epoch + 1);
                        checkValues.add(value);
                        if (best == null || value > bestValue + 1e-6) {
                            best = s;
                            bestValue = value;
                            bestEpoch = epoch + 1;
                            sinceBest = 0;
                        } else {
                            sinceBest++;
                        }
                    }
                    for (TrainListener l : listeners) {
                        l.onEpoch(epoch + 1, loss, value, bestValue, bestEpoch);
                    }
                    if (options.patience() > 0 && sinceBest >= options.patience() && !last) {
                        stoppedEarly = true;
                        break;
                    }
                }
            } catch (RuntimeException e) {
                TrainHistory partial = new TrainHistory(model.name(), losses, watch ? label : null, checkEpochs, checkValues,
                        bestEpoch, false, 0, bestValue, bestValue, schedule.epochs(), setupSeconds,
                        (System.nanoTime() - loopStart) / 1e9);
                for (TrainListener l : listeners) {
                    l.onEnd(partial);
                }
                throw e;
            }
            loopSeconds = (System.nanoTime() - loopStart) / 1e9;
            if (best == null) {
                best = model.snapshot(context);
                bestEpoch = losses.size();
                if (!best.finite()) {
                    throw diverged(model, schedule, losses.size() - 1, "vectors not finite");
                }
            }
        }
        double lambda = 0;
        double before = watch ? bestValue : Double.NaN;
        double after = before;
        if (watch && options.popularityPrior() && validation instanceof Validation v) {
            PopularityPrior.Fit prior = PopularityPrior.fit(best, data, v);
            lambda = prior.lambda();
            after = prior.after();
            best = prior.vectors();
        }
        TrainHistory history = new TrainHistory(model.name(), losses, watch ? label : null, checkEpochs, checkValues,
                bestEpoch, stoppedEarly, lambda, before, after, schedule.epochs(), setupSeconds, loopSeconds);
        listeners.forEach(l -> l.onEnd(history));
        return new Result(best, history);
    }

    private static DivergedException diverged(Trainable model, Trainable.Schedule schedule, int epoch, String what) {
        return new DivergedException(String.format(Locale.ROOT,
                "%s diverged at epoch %d (%s); try a lower --param %s.learningRate (now %s)", model.name(), epoch + 1,
                what, model.name(), schedule.learningRate()));
    }
}
