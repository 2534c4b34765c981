package org.mmkgrec.embedding.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.eval.Models;
import org.mmkgrec.embedding.eval.Recommender;
import org.mmkgrec.embedding.train.TrainHistory;
import org.mmkgrec.embedding.train.Trainer;
import org.mmkgrec.embedding.train.Validation;
import org.mmkgrec.embedding.version.VectorModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Hyperparameter search on the eval split: every trial fits the model on the training side (early
 * stopping and the popularity prior on the eval split, as in {@code evaluate}) and is scored by the
 * eval metric of the protocol; the best trial wins, except that when the first trial is the model's
 * defaults a trial must beat them by more than one standard error of their eval metric (the
 * one-standard-error rule: a lead smaller than the metric's own noise is not evidence, and chasing it
 * fits the eval split). It is given the training data only, so nothing it does can read the held-out
 * test part; the caller scores the winner on it once, afterwards.
 */
public final class Tuner {

    /** One trial: its assignments ({@code name -> value}; empty = the defaults) and what it scored on the eval split. */
    public record Trial(int index, Map<String, String> assignments, double eval, double standardError, double fitSeconds,
                        int epochsRun, int keptEpoch, double priorLambda) {
        /** The trial's assignments as {@code --param} options. */
        public String asParams(String model) {
            StringBuilder sb = new StringBuilder();
            assignments.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append("--param ").append(model).append('.')
                    .append(k).append('=').append(v));
            return sb.length() == 0 ? "(defaults)" : sb.toString();
        }
    }

    /**
     * The search's outcome: every trial, the chosen one and its fitted model; {@code rule} says why the
     * defaults were kept over a higher trial (empty otherwise).
     */
    public record Result(String model, String metric, List<Trial> trials, Trial best, Recommender bestModel, String rule) {}

    private final GraphDatabaseService db;

    public Tuner(GraphDatabaseService db) {
        this.db = db;
    }

    /**
     * @param base the run's configuration (protocol, seed, training options, fixed overrides)
     * @param trials the trials' assignments, as from {@link SearchSpace#trials}
     */
    public Result run(String model, InteractionData data, EvaluateConfig base, List<Map<String, String>> trials) {
        return run(model, data, base, trials, config -> Models.create(model, config, db));
    }

    /** {@link #run(String, InteractionData, EvaluateConfig, List)} with the models made by {@code factory}. */
    Result run(String model, InteractionData data, EvaluateConfig base, List<Map<String, String>> trials,
               java.util.function.Function<EvaluateConfig, Recommender> factory) {
        Validation.Metric metric = base.train().metricFor(data);
        Validation validation = new Validation(data, metric);
        if (!validation.available()) {
            throw new IllegalArgumentException("the store has no eval split to tune on (" + metric.label()
                    + " needs " + (metric == Validation.Metric.AUC ? "labelled positives and negatives" : "eval positives") + ")");
        }
        List<Trial> done = new ArrayList<>();
        Trial best = null;
        Recommender bestModel = null;
        Recommender defaultsModel = null;
        for (int t = 0; t < trials.size(); t++) {
            Map<String, String> a = trials.get(t);
            List<String> assignments = new ArrayList<>();
            base.params().of(model).forEach((k, v) -> assignments.add(model + "." + k + "=" + v));
            a.forEach((k, v) -> assignments.add(model + "." + k + "=" + v));
            EvaluateConfig config = base.withParams(ModelParams.parse(assignments)).forModel(model, base.seed());
            Recommender r = factory.apply(config);
            long t0 = System.nanoTime();
            try {
                r.fit(data);
            } catch (Trainer.DivergedException e) {
                // a configuration that diverges is a result of the search, not the end of it
                Trial diverged = new Trial(t, new LinkedHashMap<>(a), Double.NaN, Double.NaN, (System.nanoTime() - t0) / 1e9, 0, 0, 0);
                done.add(diverged);
                System.err.printf(Locale.ROOT, "  trial %2d/%d diverged (%s)  %.1f s  %s%n", t + 1, trials.size(), e.getMessage(),
                        diverged.fitSeconds(), diverged.asParams(model));
                continue;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Validation.Estimate estimate = validation.estimate(r);
            double eval = estimate.value();
            TrainHistory h = r instanceof VectorModel v ? v.history() : null;
            Trial trial = new Trial(t, new LinkedHashMap<>(a), eval, estimate.standardError(), seconds,
                    h == null ? 0 : h.epochsRun(), h == null ? 0 : h.bestEpoch(), h == null ? 0 : h.priorLambda());
            if (t == 0 && a.isEmpty()) {
                defaultsModel = r;
            }
            done.add(trial);
            boolean better = !Double.isNaN(eval) && (best == null || Double.isNaN(best.eval()) || eval > best.eval() + 1e-9);
            System.err.printf(Locale.ROOT, "  trial %2d/%d eval %s %.4f%s  %.1f s  %s%n", t + 1, trials.size(), metric.label(), eval,
                    better ? " *" : "  ", seconds, trial.asParams(model));
            if (better) {
                best = trial;
                bestModel = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no trial of " + model + " finished: every one diverged; try lower learning rates");
        }
        Trial defaults = defaultsModel == null ? null : done.get(0);
        if (defaults != null && keepsDefaults(defaults, best)) {
            String rule = String.format(Locale.ROOT, "trial %d's eval %s %.4f leads the defaults' %.4f by %.4f, within one standard error (%.4f): the defaults are kept",
                    best.index() + 1, metric.label(), best.eval(), defaults.eval(), best.eval() - defaults.eval(), defaults.standardError());
            System.err.println("  " + rule);
            return new Result(model, metric.label(), done, defaults, defaultsModel, rule);
        }
        return new Result(model, metric.label(), done, best, bestModel, "");
    }

    /** The one-standard-error rule: the highest trial replaces the defaults only if it leads them by more than their standard error. */
    static boolean keepsDefaults(Trial defaults, Trial highest) {
        return highest != defaults && !(highest.eval() - defaults.eval() > defaults.standardError());
    }
}
