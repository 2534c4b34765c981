package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.EvaluateJob;
import org.mmkgrec.embedding.eval.EvaluationReport;
import org.mmkgrec.embedding.eval.ReportWriter;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mmkg evaluate}: loads the data set with the protocol's split into its own evaluation
 * store (once; later runs reuse it), then runs every model through the same evaluator.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate models side by side with the standard protocols.",
                "ctr: Last.FM KGCN 6:2:2 split, AUC and F1; topk: Last.FM MCCLK 8:2 split or the per-user",
                "time split 8:1:1 of RecBole data, Recall/NDCG/Precision/HitRate@K."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "data set directory (default: $MMKG_DATA_ROOT/lastfm-kg)")
    Path source;

    @Option(names = "--model", defaultValue = "pop,itemknn,bprmf,fastrp,cypher-cf,hybrid", paramLabel = "NAMES",
            description = "comma-separated model names (default: ${DEFAULT-VALUE})")
    String models;

    @Option(names = "--protocol", defaultValue = "ctr", paramLabel = "P", description = "ctr or topk (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report (default: <work>/report-<protocol>.json); "
            + "an HTML report with plots is written beside it")
    Path out;

    @Option(names = "--work", defaultValue = "data/eval", paramLabel = "DIR",
            description = "where evaluation stores live (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "run each model with N seeds (seed, seed+1, ...) and report mean and standard deviation (default: ${DEFAULT-VALUE})")
    int seeds;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() {
        List<String> names = Arrays.stream(models.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        EvaluateConfig.Protocol p = EvaluateConfig.Protocol.parse(protocol);
        EvaluateConfig config = new EvaluateConfig(names, p, null, seed, seeds, 128, training.loss(), training.params(),
                training.train(p.evalMetric()));
        Path src = source != null ? source : DataOptions.sharedDataRoot().resolve("lastfm-kg");
        LoadConfig probe = LoadConfig.defaults(src, work);
        String split = probe.format() == LoadConfig.Format.LASTFM ? (p == EvaluateConfig.Protocol.CTR ? "kgcn" : "mcclk") : "time811";
        Path dataDir = work.resolve(probe.dataset() + "-" + split);
        LoadConfig load = new LoadConfig(src, probe.format(), dataDir, null, split, null, 0, 4.0, true, null, null,
                List.of(), false, 20_000, true);
        long t0 = System.nanoTime();
        EvaluationReport report;
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dataDir.resolve("graph"), "512m"))) {
            System.err.print(new LoadJob(load).run(store.db()).describe());
            report = new EvaluateJob(store.db(), HeldOutFile.of(dataDir), config, probe.dataset() + " (" + split + ")").run();
        }
        Path json = out != null ? out : work.resolve("report-" + probe.dataset() + "-" + p.name().toLowerCase() + ".json");
        Path html = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".html");
        ReportWriter.writeJson(report, json);
        ReportWriter.writeHtml(report, html);
        System.out.print(ReportWriter.table(report));
        System.out.printf("wall time %.1f s (load included); reports: %s, %s%n", (System.nanoTime() - t0) / 1e9, json, html);
        return 0;
    }

}
