package org.mmkgrec.embedding.eval;

import java.util.List;
import java.util.Map;

/**
 * What one evaluation run measured.
 *
 * @param testPairs test rows scored (CTR) or test users ranked (top-K)
 * @param droppedTestRows held-out rows naming users or items the graph does not hold
 */
public record EvaluationReport(String dataset, String protocol, int seed, long testPairs, long droppedTestRows,
                               List<ModelResult> models, double totalSeconds, long peakRssMb,
                               Map<String, Map<String, Double>> anchors) {

    /**
     * One model's row.
     *
     * @param epochs     training epochs (0 for models that do not train by epochs)
     * @param peakRssMb  the process's peak resident memory during the fit (JVM plus native PyTorch)
     * @param peakHeapMb the JVM heap's peak during the fit
     * @param training   what the training loop chose on the eval split (kept epoch, early stop, popularity
     *                   prior), per seed; empty for models without one
     * @param metrics    the test figures (the mean over seeds; {@code <metric>.sd} their standard deviation
     *                   when there was more than one seed)
     */
    public record ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double scoreSeconds,
                              List<Double> lossCurve, int epochs, long peakRssMb, long peakHeapMb, List<String> training) {
        /** Seconds per epoch, or NaN without epochs. */
        public double secondsPerEpoch() {
            return epochs == 0 ? Double.NaN : fitSeconds / epochs;
        }
    }
}
