package org.mmkgrec.embedding.eval;

import java.util.List;
import java.util.Locale;
import org.mmkgrec.embedding.baseline.BprMf;
import org.mmkgrec.embedding.nn.Losses;

/**
 * @param models model names (see {@link Models#NAMES})
 * @param protocol CTR (AUC, F1 on the test pairs) or TOPK (full ranking, Recall/NDCG/Precision/HitRate@K)
 * @param ks cut-offs of the top-K protocol (default 5, 10, 20, 50)
 * @param seed seed of every random choice (default 42)
 * @param bprMf BPR-MF hyperparameters (defaults in {@link BprMf.Config#defaults()})
 * @param knnNeighbours neighbours per item of item-KNN (default 100)
 * @param fastRpDimension FastRP embedding size (default 128)
 * @param loss the training loss of the models that offer a choice (mkgat, crm-man); null: each model's own default
 * @param params hyperparameter overrides per model ({@code mkgat.epochs=30}); null: none
 */
public record EvaluateConfig(List<String> models, Protocol protocol, List<Integer> ks, int seed, BprMf.Config bprMf,
                             int knnNeighbours, int fastRpDimension, Losses.Kind loss, ModelParams params) {

    public enum Protocol {
        CTR, TOPK;

        public static Protocol parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("`protocol` must be ctr or topk, was `" + s + "`");
            }
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
        models = List.copyOf(models);
        ks = ks == null || ks.isEmpty() ? List.of(5, 10, 20, 50) : List.copyOf(ks);
        bprMf = bprMf == null ? BprMf.Config.defaults() : bprMf;
        params = params == null ? ModelParams.NONE : params;
    }

    /** The same with another training loss (null: each model's default). */
    public EvaluateConfig withLoss(Losses.Kind kind) {
        return new EvaluateConfig(models, protocol, ks, seed, bprMf, knnNeighbours, fastRpDimension, kind, params);
    }

    public static EvaluateConfig defaults(List<String> models, Protocol protocol) {
        return new EvaluateConfig(models, protocol, null, 42, null, 100, 128, null, null);
    }
}
