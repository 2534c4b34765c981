package org.mmkgrec.service.cli;

import java.util.List;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.nn.Losses;
import picocli.CommandLine.Option;

/** The training options `train` and `evaluate` share: the loss and hyperparameter overrides. */
final class TrainingOptions {
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
}
