package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.EvaluateJob;
import org.mmkgrec.embedding.eval.EvaluationReport;
import org.mmkgrec.embedding.eval.PerSeed;
import org.mmkgrec.embedding.eval.ReportWriter;
import org.mmkgrec.embedding.seq.SeqEvaluateJob;
import org.mmkgrec.embedding.seq.SeqModels;
import org.mmkgrec.embedding.tags.TagEvaluateJob;
import org.mmkgrec.embedding.tags.TagModels;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mmkg evaluate}: loads the data set with the protocol's split into its own evaluation
 * store (once; later runs reuse it), then runs every model through the same evaluator.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate models side by side with the standard protocols.",
                "ctr: KGCN-format data (Last.FM), KGCN 6:2:2 split, AUC and F1; topk: MCCLK 8:2 split of KGCN-format data,",
                "or the per-user time split 8:1:1 of RecBole data (their .train/.valid/.test.inter when present),",
                "Recall/NDCG/Precision/HitRate@K; recbole: RecBole's own ml-100k protocol (random per-user 8:1:1,",
                "every rating a positive, full ranking), for reading figures against RecBole's published table;",
                "tags: Last.FM's tag posts split by time per user (last 20% test), every tag ranked per test post,",
                "Recall@5/10, Precision@5, NDCG@10, MRR; next: each user's items in time order (Last.FM: tag posts;",
                "RecBole data: timestamps), leave-one-out, every item ranked after the history, Recall/NDCG@10/20."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "data set directory (default: $MMKG_DATA_ROOT/lastfm-kg)")
    Path source;

    static final String DEFAULT_MODELS = "pop,itemknn,bprmf,fastrp,cypher-cf,hybrid";

    @Option(names = "--model", defaultValue = DEFAULT_MODELS, paramLabel = "NAMES",
            description = "comma-separated model names (default: ${DEFAULT-VALUE}; for --protocol tags: "
                    + TagModels.DEFAULTS + "; for --protocol next: " + SeqModels.DEFAULTS + ")")
    String models;

    @Option(names = "--protocol", defaultValue = "ctr", paramLabel = "P",
            description = "ctr, topk, recbole, tags (tag recommendation on Last.FM's tag posts) or next (next item) "
                    + "(default: ${DEFAULT-VALUE})")
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
        if (protocol.equalsIgnoreCase("tags")) {
            return tags(models.equals(DEFAULT_MODELS) ? Arrays.asList(TagModels.DEFAULTS.split(",")) : names);
        }
        if (protocol.equalsIgnoreCase("next")) {
            return next(models.equals(DEFAULT_MODELS) ? Arrays.asList(SeqModels.DEFAULTS.split(",")) : names);
        }
        Run run = Run.of(source, protocol, work);
        EvaluateConfig config = new EvaluateConfig(names, run.protocol(), run.ks(), seed, seeds, 128, training.loss(),
                training.params(), training.train(run.protocol().evalMetric()));
        return loadAndRun(run.load(), db -> new EvaluateJob(db, HeldOutFile.of(run.load().dataDir()), config, run.label()).run(),
                run.load().dataset() + "-" + protocol.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Opens the evaluation store of {@code load}, loads the data set into it (once; later runs reuse
     * it), runs {@code job} on it and writes the reports as {@code report-<name>}.
     */
    private int loadAndRun(LoadConfig load, java.util.function.Function<GraphDatabaseService, EvaluationReport> job, String name) {
        long t0 = System.nanoTime();
        EvaluationReport report;
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(load.dataDir().resolve("graph"), "512m"))) {
            System.err.print(new LoadJob(load).run(store.db()).describe());
            report = job.apply(store.db());
        }
        return write(report, name, t0);
    }

    /** The JSON and HTML reports ({@code --out}, else {@code <work>/report-<name>.json}) and the table. */
    private int write(EvaluationReport report, String name, long t0) {
        Path json = out != null ? out : work.resolve("report-" + name + ".json");
        Path html = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".html");
        ReportWriter.writeJson(report, json);
        ReportWriter.writeHtml(report, html);
        System.out.print(ReportWriter.table(report));
        System.out.printf("wall time %.1f s (load included); reports: %s, %s%n", (System.nanoTime() - t0) / 1e9, json, html);
        return 0;
    }

    /**
     * The tag protocol: the data set loaded (with its tag posts) into {@code <work>/<dataset>-tags},
     * then {@link TagEvaluateJob}; the report is written like the others'.
     */
    private int tags(List<String> names) {
        TagModels.check(names);
        Path src = source != null ? source : DataOptions.sharedDataRoot().resolve("lastfm-kg");
        if (LoadConfig.defaults(src, work).format() != LoadConfig.Format.LASTFM) {
            throw new IllegalArgumentException("the tags protocol needs tag posts, which the KGCN-format reader takes from "
                    + "Last.FM's hetrec/user_taggedartists.dat; " + src + " holds RecBole atomic files");
        }
        Run base = Run.of(src, "ctr", work);
        LoadConfig load = base.load().withDataDir(work.resolve(base.load().dataset() + "-tags"));
        return loadAndRun(load, db -> new TagEvaluateJob(db, settings(names, TagModels.NAMES, base.load().dataset())).run(),
                load.dataset() + "-tags");
    }

    /**
     * The next-item protocol: KGCN-format data with tag posts (Last.FM) in the tag protocol's store
     * (sequences from the posts), RecBole atomic files with every rating, no split, in
     * {@code <work>/<dataset>-none-all} (sequences from the timestamps); then {@link SeqEvaluateJob},
     * which splits each sequence itself (leave-one-out).
     */
    private int next(List<String> names) {
        SeqModels.check(names);
        Path src = source != null ? source : DataOptions.sharedDataRoot().resolve("lastfm-kg");
        LoadConfig probe = LoadConfig.defaults(src, work);
        LoadConfig load;
        if (probe.format() == LoadConfig.Format.LASTFM) {
            Run base = Run.of(src, "ctr", work);
            load = base.load().withDataDir(work.resolve(base.load().dataset() + "-tags"));
        } else {
            load = new LoadConfig(src, probe.format(), work.resolve(probe.dataset() + "-none-all"), null, "none", null, 0, 0.0,
                    true, null, null, List.of(), false, 20_000, true);
        }
        return loadAndRun(load, db -> new SeqEvaluateJob(db, settings(names, SeqModels.NAMES, probe.dataset())).run(),
                probe.dataset() + "-next");
    }

    /** The run settings of a protocol that fits and scores in memory (tags, next item). */
    private PerSeed.Settings settings(List<String> names, List<String> known, String dataset) {
        return new PerSeed.Settings(names, seed, seeds, training.params(known),
                training.train(org.mmkgrec.embedding.train.Validation.Metric.RECALL_20), dataset);
    }

    /**
     * What a protocol name means for a data set directory: the split it is loaded with, where its
     * evaluation store lives, the evaluator's protocol and cut-offs. Shared with {@code tune}.
     */
    record Run(LoadConfig load, EvaluateConfig.Protocol protocol, List<Integer> ks, String label) {
        static Run of(Path source, String protocolName, Path work) {
            Path src = source != null ? source : DataOptions.sharedDataRoot().resolve("lastfm-kg");
            String name = protocolName.toLowerCase(java.util.Locale.ROOT);
            boolean recbole = name.equals("recbole");
            EvaluateConfig.Protocol p = recbole ? EvaluateConfig.Protocol.TOPK : EvaluateConfig.Protocol.parse(name);
            LoadConfig probe = LoadConfig.defaults(src, work);
            boolean kgcnFormat = probe.format() == LoadConfig.Format.LASTFM;
            if (recbole && kgcnFormat) {
                throw new IllegalArgumentException("the recbole protocol needs RecBole atomic files (e.g. ../shared/data/ml-100k-kg), "
                        + src + " holds KGCN-format data");
            }
            if (p == EvaluateConfig.Protocol.CTR && !kgcnFormat) {
                throw new IllegalArgumentException("the ctr protocol needs KGCN-format data with labelled negatives "
                        + "(ratings_final.txt); " + src + " holds RecBole atomic files: use --protocol topk or recbole");
            }
            String split = kgcnFormat ? (p == EvaluateConfig.Protocol.CTR ? "kgcn" : "mcclk")
                    : recbole ? "random811" : benchmarkFiles(src) ? "files" : "time811";
            // RecBole's protocol: every rating is a positive
            double threshold = recbole ? 0.0 : 4.0;
            Path dataDir = work.resolve(probe.dataset() + "-" + split + (recbole ? "-all" : ""));
            LoadConfig load = new LoadConfig(src, probe.format(), dataDir, null, split, null, 0, threshold, true, null, null,
                    List.of(), false, 20_000, true);
            List<Integer> ks = recbole ? List.of(5, 10, 20, 50) : null;
            return new Run(load, p, ks, probe.dataset() + " (" + split + (recbole ? ", every rating positive" : "") + ")");
        }

        private static boolean benchmarkFiles(Path dir) {
            try (var files = java.nio.file.Files.list(dir)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".train.inter"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + dir, e);
            }
        }
    }
}
