package org.mmkgrec.embedding.train;

import java.util.List;

/**
 * What one fit did: the loss per epoch, the eval metric at each check, the epoch whose vectors were
 * kept, whether early stopping ended it, and the popularity prior's weight.
 *
 * @param metric the eval metric's label ({@code auc}, {@code recall@20}); null when the data had no eval split to watch
 * @param checkEpochs 1-based epochs of the checks
 * @param checkValues the eval metric at each check
 * @param bestEpoch the epoch whose vectors were kept (the last one when nothing was watched)
 * @param stoppedEarly whether patience ran out before the configured epochs
 * @param priorLambda the popularity prior's weight (0: none); see {@link PopularityPrior}
 * @param evalBefore the best check's eval metric without the prior
 * @param evalAfter the eval metric with it (equal to {@code evalBefore} when none)
 * @param setupSeconds the model's {@link Trainable#build} (parameters, constant arrays, side features such
 *                     as the KG modality's TransE fit)
 * @param loopSeconds the epochs and their eval checks
 */
public record TrainHistory(String model, List<Double> losses, String metric, List<Integer> checkEpochs,
                           List<Double> checkValues, int bestEpoch, boolean stoppedEarly, double priorLambda,
                           double evalBefore, double evalAfter, int epochsConfigured,
                           double setupSeconds, double loopSeconds) {
    public TrainHistory {
        losses = List.copyOf(losses);
        checkEpochs = List.copyOf(checkEpochs);
        checkValues = List.copyOf(checkValues);
    }

    public int epochsRun() {
        return losses.size();
    }

    /** Seconds per epoch of the training loop (eval checks included, setup not); NaN without epochs. */
    public double loopSecondsPerEpoch() {
        return losses.isEmpty() ? Double.NaN : loopSeconds / losses.size();
    }
}
