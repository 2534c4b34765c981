package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.loader.LoadSummary;
import org.mmkgrec.loader.source.ErrorPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./mmkg load}: files -> multimodal KG in the embedded store. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a data set (interactions, KG, content) into the store as a multimodal KG.",
                "Re-running with the same input writes nothing; an interrupted load resumes."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = {"-s", "--source"}, paramLabel = "DIR",
            description = "data set directory (default: $MMKG_DATA_ROOT/lastfm-kg, i.e. ../shared/data/lastfm-kg)")
    Path source;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, lastfm or recbole (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--split", defaultValue = "none", paramLabel = "SPLIT",
            description = "none (all data trains); KGCN-format data: kgcn (6:2:2) or mcclk (8:2), the stored "
                    + "splits/ files when present, else drawn (seed 555 / 2020); RecBole data: time811 (per user "
                    + "8:1:1 by time), random811 (per user 8:1:1 shuffled, seed 2020) or files "
                    + "(<dataset>.{train,valid,test}.inter); the test part never enters the graph "
                    + "(default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--name", paramLabel = "NAME", description = "data set name (default: the source directory's name)")
    String name;

    @Option(names = "--on-error", defaultValue = "stop", paramLabel = "POLICY",
            description = "stop (or fail: the same) at the first bad record, naming file, line and field; or skip "
                    + "bad records and print how many per file. Either way nothing is written when the input is "
                    + "bad (default: ${DEFAULT-VALUE})")
    String onError;

    @Option(names = "--co-entity-threshold", defaultValue = "0", paramLabel = "S_m",
            description = "link two items when they share more than S_m KG entities (default: ${DEFAULT-VALUE})")
    int coEntityThreshold;

    @Option(names = "--rating-threshold", defaultValue = "4.0", paramLabel = "R",
            description = "RecBole ratings >= R are positives; 0 makes every rating a positive (default: ${DEFAULT-VALUE})")
    double ratingThreshold;

    @Option(names = "--no-text-vectors", negatable = false,
            description = "keep text content as text only (skip the MiniLM encoder)")
    boolean noTextVectors;

    @Option(names = "--kg", paramLabel = "FILE", description = "an extra KG: RDF (.nt, .ttl) or tab-separated triples (.tsv)")
    Path kg;

    @Option(names = "--kg-links", paramLabel = "FILE", description = "TSV item id -> entity id links for --kg")
    Path kgLinks;

    @Option(names = "--vectors", paramLabel = "MODALITY=FILE[,IDS]",
            description = "precomputed feature vectors (.npy or delimited text), e.g. image=img.npy,ids.txt; repeatable")
    List<String> vectors = new ArrayList<>();

    @Option(names = "--replace", description = "wipe a store loaded from other input first")
    boolean replace;

    @Option(names = "--batch-size", defaultValue = "20000", paramLabel = "N",
            description = "records per transaction (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = {"-q", "--quiet"}, description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        LoadConfig config = config();
        LoadSummary summary;
        try {
            summary = LoadJob.runEmbedded(config, data.pageCache);
        } catch (OutOfMemoryError e) {
            // the readers name the file they were reading; this is what is left (text encoding, writing)
            throw new IllegalStateException("out of memory while loading " + config.source()
                    + "; raise -Xmx (e.g. MMKG_JAVA_OPTS=-Xmx12g ./mmkg load ...) or load a smaller input", e);
        }
        System.out.print(summary.describe());
        return 0;
    }

    LoadConfig config() {
        Path src = source != null ? source : DataOptions.sharedDataRoot().resolve("lastfm-kg");
        ErrorPolicy policy = switch (onError.toLowerCase(java.util.Locale.ROOT)) {
            case "stop", "fail" -> ErrorPolicy.STOP;
            case "skip" -> ErrorPolicy.SKIP;
            default -> throw new IllegalArgumentException("`--on-error` must be stop (or fail) or skip, was `" + onError + "`");
        };
        if (!Double.isFinite(ratingThreshold)) {
            throw new IllegalArgumentException("`--rating-threshold` must be a finite number, was " + ratingThreshold);
        }
        LoadConfig.Format fmt;
        try {
            fmt = LoadConfig.Format.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`--format` must be auto, lastfm or recbole, was `" + format + "`");
        }
        return new LoadConfig(src, fmt, data.dataDir, name, split, policy, coEntityThreshold, ratingThreshold,
                !noTextVectors, kg, kgLinks, vectors.stream().map(LoadConfig.VectorSource::parse).toList(),
                replace, batchSize, quiet);
    }
}
