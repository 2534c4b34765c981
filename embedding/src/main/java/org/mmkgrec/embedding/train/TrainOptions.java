package org.mmkgrec.embedding.train;

/**
 * How the {@link Trainer} watches the eval split. The eval split is the store's own (or a validation
 * slice carved from the training positives, see {@code InteractionData#withValidationSlice}); the
 * held-out test part is never read by training.
 *
 * @param evalEvery check the eval metric every this many epochs (and at the last); default 5
 * @param checkWithin but check at least every this many training positives, rounded down to whole
 *     epochs and at least every epoch (0: no such bound); default 500,000, so a data set whose epoch
 *     holds more than 100,000 positives is checked more often than every 5 epochs: an epoch that long
 *     already moves the model a lot, and patience counted in 5-epoch checks would keep training
 *     20 long epochs past the best (the shipped data sets have at most ~80,000, so are checked every 5)
 * @param patience stop after this many checks without improvement (RecBole's {@code stopping_step}
 *     counted in checks); 0 trains every epoch; default 4 (20 epochs at the default interval)
 * @param metric the eval-split metric that chooses the best epoch; null: AUC when the eval split has
 *     labelled negatives (the CTR protocol's stores), else Recall@20
 * @param popularityPrior fit a log-popularity term onto the model's score on the eval split
 *     ({@link PopularityPrior}); default true
 */
public record TrainOptions(int evalEvery, long checkWithin, int patience, Validation.Metric metric, boolean popularityPrior) {
    /** The default bound on training positives between two checks. */
    public static final long CHECK_WITHIN = 500_000;

    public TrainOptions {
        if (evalEvery < 1 || patience < 0 || checkWithin < 0) {
            throw new IllegalArgumentException("`evalEvery` must be >= 1, `checkWithin` and `patience` >= 0, were "
                    + evalEvery + ", " + checkWithin + ", " + patience);
        }
    }

    /** With the default {@link #CHECK_WITHIN}. */
    public TrainOptions(int evalEvery, int patience, Validation.Metric metric, boolean popularityPrior) {
        this(evalEvery, CHECK_WITHIN, patience, metric, popularityPrior);
    }

    /** Epochs between two checks when an epoch holds {@code positivesPerEpoch} training positives. */
    public int interval(long positivesPerEpoch) {
        if (checkWithin == 0 || positivesPerEpoch <= 0) {
            return evalEvery;
        }
        return (int) Math.max(1, Math.min(evalEvery, checkWithin / positivesPerEpoch));
    }

    /** Every default, the metric chosen from the data. */
    public static TrainOptions defaults() {
        return defaults(null);
    }

    public static TrainOptions defaults(Validation.Metric metric) {
        return new TrainOptions(5, CHECK_WITHIN, 4, metric, true);
    }

    public TrainOptions withMetric(Validation.Metric m) {
        return new TrainOptions(evalEvery, checkWithin, patience, m, popularityPrior);
    }

    /** The metric for {@code data}: the given one, or the automatic choice above. */
    public Validation.Metric metricFor(org.mmkgrec.embedding.data.InteractionData data) {
        if (metric != null) {
            return metric;
        }
        boolean neg = false;
        for (int label : data.evalLabels) {
            neg |= label != 1;
        }
        return neg ? Validation.Metric.AUC : Validation.Metric.RECALL_20;
    }
}
