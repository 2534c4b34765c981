package org.mmkgrec.embedding.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One model of a protocol that fits and scores in memory (tags, next item) run for several seeds:
 * each seed's fit and test timed, its figures and note printed, then summarised (mean, and sd over
 * the seeds) into a report row.
 */
public final class PerSeed {

    /**
     * What such a protocol run is asked for: the models, the first seed and how many seeds each
     * learned model runs with, their {@code --param} overrides, the training options, the data set's name.
     */
    public record Settings(List<String> models, int seed, int seeds, ModelParams params,
                           org.mmkgrec.embedding.train.TrainOptions train, String dataset) {
        public Settings {
            if (seeds < 1) {
                throw new IllegalArgumentException("`seeds` must be >= 1, was " + seeds);
            }
            models = List.copyOf(models);
            params = params == null ? ModelParams.NONE : params;
        }
    }

    /** What one seed's run gives: its test figures, its note, its loss curve, and its fit and scoring times. */
    public record Outcome(Map<String, Double> metrics, String note, List<Double> losses, double fitSeconds, double scoreSeconds) {}

    /** A seed's run: fits a fresh model with that seed, then scores the test part once. */
    @FunctionalInterface
    public interface Run {
        Outcome fitAndTest(int seed);
    }

    private PerSeed() {}

    /** Runs {@code name} for seeds {@code seed .. seed + n - 1}. */
    public static EvaluationReport.ModelResult run(String name, int seed, int n, Run run) {
        List<Map<String, Double>> perSeed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double fitSeconds = 0;
        double scoreSeconds = 0;
        long rss = 0;
        long heap = 0;
        List<Double> losses = List.of();
        for (int k = 0; k < n; k++) {
            FitResources resources = FitResources.start();
            Outcome o = run.fitAndTest(seed + k);
            System.err.printf("  %-10s seed %d: fit %6.1f s, score %5.1f s, peak RSS %,d MiB%n    %s%s%n", name, seed + k,
                    o.fitSeconds(), o.scoreSeconds(), resources.peakRssMb(), brief(o.metrics()),
                    o.note().isEmpty() ? "" : "\n    " + o.note());
            perSeed.add(o.metrics());
            fitSeconds += o.fitSeconds();
            scoreSeconds += o.scoreSeconds();
            rss = Math.max(rss, resources.peakRssMb());
            heap = Math.max(heap, resources.peakHeapMb());
            losses = k == 0 ? o.losses() : losses;
            if (!o.note().isEmpty()) {
                notes.add("seed " + (seed + k) + ": " + o.note());
            }
        }
        return new EvaluationReport.ModelResult(name, EvaluateJob.summarise(perSeed), fitSeconds / n, scoreSeconds / n,
                losses, losses.size(), rss, heap, notes);
    }

    /** Seconds since {@code t0} (a {@link System#nanoTime()}). */
    public static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String brief(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(metrics).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }

    /** The report of a protocol run: its rows, the test count, the run's time and peak RSS. */
    public static EvaluationReport report(String dataset, String protocol, int seed, int tested,
            List<EvaluationReport.ModelResult> rows, long t0) {
        return new EvaluationReport(dataset, protocol, seed, tested, 0, rows, since(t0),
                Math.max(EvaluateJob.peakRssMb(), rows.stream().mapToLong(EvaluationReport.ModelResult::peakRssMb).max().orElse(0)),
                Map.of());
    }
}
