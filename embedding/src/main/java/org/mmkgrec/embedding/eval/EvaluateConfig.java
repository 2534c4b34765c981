package org.mmkgrec.embedding.eval;

import java.util.List;
import java.util.Locale;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Validation;

/**
 * @param models model names (see {@link Models#NAMES})
 * @param protocol CTR (AUC, F1 on the test pairs) or TOPK (full ranking, Recall/NDCG/Precision/HitRate@K)
 * @param ks cut-offs of the top-K protocol (default 5, 10, 20, 50)
 * @param seed seed of every random choice (default 42); each model is seeded with it on its own
 * @param seeds how many seeds each model is run with ({@code seed}, {@code seed + 1}, ...); figures are
 *     the mean, with the standard deviation beside them when more than one (default 1)
 * @param fastRpDimension FastRP embedding size (default 128)
 * @param loss the training loss of the models that offer a choice (mkgat, crm-man); null: each model's own default
 * @param params hyperparameter overrides per model ({@code mkgat.epochs=30}); null: none
 * @param train early stopping and the popularity prior of the trained models; null: the defaults with
 *     the protocol's metric (AUC for CTR, Recall@20 for top-K)
 */
public record EvaluateConfig(List<String> models, Protocol protocol, List<Integer> ks, int seed, int seeds,
                             int fastRpDimension, Losses.Kind loss, ModelParams params, TrainOptions train) {

    public enum Protocol {
        CTR, TOPK;

        public static Protocol parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("`protocol` must be ctr or topk, was `" + s + "`");
            }
        }

        /** The eval-split metric that stands for this protocol's test metric. */
        public Validation.Metric evalMetric() {
            return this == CTR ? Validation.Metric.AUC : Validation.Metric.RECALL_20;
        }
    }

    public EvaluateConfig {
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("`models` must name at least one model of " + Models.NAMES);
        }
        for (String m : models) {
            if (!Models.NAMES.contains(m)) {
                throw new IllegalArgumentException("unknown model `" + m + "`; valid names: " + Models.NAMES);
            }
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("`seeds` must be >= 1, was " + seeds);
        }
        models = List.copyOf(models);
        ks = ks == null || ks.isEmpty() ? List.of(5, 10, 20, 50) : List.copyOf(ks);
        params = params == null ? ModelParams.NONE : params;
        train = train == null ? TrainOptions.defaults(protocol.evalMetric()) : train;
    }

    /** The same with another training loss (null: each model's default). */
    public EvaluateConfig withLoss(Losses.Kind kind) {
        return new EvaluateConfig(models, protocol, ks, seed, seeds, fastRpDimension, kind, params, train);
    }

    /** The same with other hyperparameter overrides. */
    public EvaluateConfig withParams(ModelParams newParams) {
        return new EvaluateConfig(models, protocol, ks, seed, seeds, fastRpDimension, loss, newParams, train);
    }

    /** The same for one model and one seed. */
    public EvaluateConfig forModel(String model, int newSeed) {
        return new EvaluateConfig(List.of(model), protocol, ks, newSeed, 1, fastRpDimension, loss, params, train);
    }

    public static EvaluateConfig defaults(List<String> models, Protocol protocol) {
        return new EvaluateConfig(models, protocol, null, 42, 1, 128, null, null, null);
    }
}
