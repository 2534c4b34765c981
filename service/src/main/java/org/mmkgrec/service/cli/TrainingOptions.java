package org.mmkgrec.service.cli;

import java.util.List;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.nn.Losses;
import picocli.CommandLine.Option;

/**
 * The training options `train`, `evaluate` and `tune` share: the loss, hyperparameter overrides and
 * how the training loop watches the eval split.
 */
final class TrainingOptions {
    @Option(names = "--patience", defaultValue = "4", paramLabel = "N",
            description = "stop training after N eval checks without improvement, keeping the best check's vectors; "
                    + "0 trains every epoch (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--eval-every", defaultValue = "5", paramLabel = "N",
            description = "check the eval-split metric every N epochs (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--check-within", defaultValue = "" + org.mmkgrec.embedding.train.TrainOptions.CHECK_WITHIN, paramLabel = "N",
            description = "but check at least every N training positives, rounded down to whole epochs "
                    + "(0: every --eval-every epochs whatever their size; default: ${DEFAULT-VALUE})")
    long checkWithin;

    @Option(names = "--no-popularity-prior", negatable = false,
            description = "do not fit the log-popularity term on the eval split (for ablations)")
    boolean noPopularityPrior;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "bpr, bce or softmax, for mkgat and crm-man (default: mkgat bpr, crm-man softmax)")
    String loss;

    @Option(names = "--param", paramLabel = "MODEL.NAME=VALUE",
            description = "a model hyperparameter, repeatable, e.g. --param mkgat.epochs=30 --param mkgat.batchSize=4096 "
                    + "(names: the fields of the model's Config)")
    List<String> params;

    /** The chosen loss, or null for each model's default. */
    Losses.Kind loss() {
        return loss == null ? null : Losses.Kind.parse(loss);
    }

    ModelParams params() {
        return ModelParams.parse(params);
    }

    /** The {@code --param} overrides for another protocol's models ({@code known}). */
    ModelParams params(java.util.List<String> known) {
        return ModelParams.parse(params, known);
    }

    /** The training loop's options with the protocol's eval metric. */
    org.mmkgrec.embedding.train.TrainOptions train(org.mmkgrec.embedding.train.Validation.Metric metric) {
        return new org.mmkgrec.embedding.train.TrainOptions(evalEvery, checkWithin, patience, metric, !noPopularityPrior);
    }
}
