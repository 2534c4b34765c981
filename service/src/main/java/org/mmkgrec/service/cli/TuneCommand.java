package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.EvaluateJob;
import org.mmkgrec.embedding.eval.ReportWriter;
import org.mmkgrec.embedding.tune.SearchSpace;
import org.mmkgrec.embedding.tune.Tuner;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mmkg tune}: random (or grid) search over a model's hyperparameters, each trial judged by
 * the protocol's metric on the eval split; the test part is read once, after the search, for the
 * chosen configuration's figure.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Choose a model's hyperparameters on the eval split (never the test part).",
                "Each trial trains with early stopping and the popularity prior as in evaluate; the first trial is the",
                "model's defaults. The chosen configuration's test figure is printed once, at the end."})
final class TuneCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "the model to tune: itemknn, bprmf, lightgcn, mmgcn, transe, mkgat, crm-man, bm3, mf-side")
    String model;

    @Option(names = "--data", paramLabel = "DIR", description = "data set directory (default: $MMKG_DATA_ROOT/lastfm-kg)")
    Path source;

    @Option(names = "--protocol", defaultValue = "ctr", paramLabel = "P", description = "ctr, topk or recbole, as in evaluate (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--trials", defaultValue = "10", paramLabel = "N", description = "trials, the defaults included (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--grid", description = "walk the grid in order instead of drawing at random")
    boolean grid;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the draws and of every trial's model (default: ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--work", defaultValue = "data/eval", paramLabel = "DIR", description = "where evaluation stores live (default: ${DEFAULT-VALUE})")
    Path work;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() {
        SearchSpace.of(model);
        EvaluateCommand.Run run = EvaluateCommand.Run.of(source, protocol, work);
        EvaluateConfig config = new EvaluateConfig(List.of(model), run.protocol(), run.ks(), seed, 1, 128, training.loss(),
                training.params(), training.train(run.protocol().evalMetric()));
        List<Map<String, String>> assignments = SearchSpace.trials(model, trials, grid, seed);
        long t0 = System.nanoTime();
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(run.load().dataDir().resolve("graph"), "512m"))) {
            System.err.print(new LoadJob(run.load()).run(store.db()).describe());
            InteractionData data = EvaluateJob.trainingData(InteractionData.fromGraph(store.db()), config);
            System.err.printf("tuning %s on %s: %d trials, eval %s%n", model, run.label(), assignments.size(),
                    config.train().metricFor(data).label());
            Tuner.Result result = new Tuner(store.db()).run(model, data, config, assignments);
            // the search is over; the test part is read now, once, for the chosen configuration only
            InteractionData.TestSet test = data.testSet(HeldOutFile.of(run.load().dataDir()));
            Map<String, Double> figures = new LinkedHashMap<>(EvaluateJob.score(result.bestModel(), data, test, config));
            System.out.printf(Locale.ROOT, "%s on %s: chose trial %d of %d on the eval split (%s %.4f; the defaults: %.4f)%n",
                    model, run.label(), result.best().index() + 1, result.trials().size(), result.metric(), result.best().eval(),
                    result.trials().get(0).eval());
            if (!result.rule().isEmpty()) {
                System.out.printf("  %s%n", result.rule());
            }
            System.out.printf("  parameters: %s%n", result.best().asParams(model));
            StringBuilder sb = new StringBuilder();
            figures.forEach((k, v) -> {
                if (config.protocol() == EvaluateConfig.Protocol.CTR || k.endsWith("@10") || k.endsWith("@20")) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4f", k, v));
                }
            });
            System.out.printf("  test figures of the chosen configuration (read once): %s%n", sb);
            Path json = work.resolve("tune-" + run.load().dataset() + "-" + protocol.toLowerCase(Locale.ROOT) + "-" + model + ".json");
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model);
            report.put("dataset", run.label());
            report.put("metric", result.metric());
            report.put("seed", seed);
            report.put("chosen", result.best());
            report.put("chosenParams", result.best().asParams(model));
            if (!result.rule().isEmpty()) {
                report.put("rule", result.rule());
            }
            report.put("test", figures);
            report.put("trials", result.trials());
            try {
                java.nio.file.Files.createDirectories(json.toAbsolutePath().getParent());
                new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValue(json.toFile(), report);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + json, e);
            }
            Path html = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", ".html"));
            ReportWriter.writeTuneHtml(result, figures, run.label(), html);
            System.out.printf("wall time %.1f s; reports: %s, %s%n", (System.nanoTime() - t0) / 1e9, json, html);
        }
        return 0;
    }
}
