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

    /** One model's row. */
    public record ModelResult(String model, Map<String, Double> metrics, double fitSeconds, double scoreSeconds,
                              List<Double> lossCurve) {}
}
