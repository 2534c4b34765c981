package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mmkgrec.loader.derive.SparseVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mmkg derive-sparse}: a sparse development variant of a data set, eval and test unchanged. */
@Command(name = "derive-sparse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a sparse development variant of a data set: each user's training part thinned "
                + "(at most N positives, and/or a fraction of the history; as many negatives as positives kept), "
                + "the eval/valid and test parts unchanged, so models are measured on dense and sparse data alike.",
                "Last.FM KG files: the stored kgcn/mcclk train files are thinned, everything else is copied (eval, test) "
                        + "or linked. RecBole atomic files: the time811 split is written as <name>.{train,valid,test}.inter "
                        + "(train keeps the most recent positives); .item/.user/.kg/.link are linked.",
                "DERIVED.md in the output records the command, seed, source and counts."})
final class DeriveSparseCommand implements Callable<Integer> {

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "DIR",
            description = "data set directory (Last.FM KG files or RecBole atomic files)")
    Path source;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output directory (new or empty)")
    Path out;

    @Option(names = "--max-train-positives", defaultValue = "3", paramLabel = "N",
            description = "at most N training positives per user; 0: no cap (default: ${DEFAULT-VALUE})")
    int maxTrainPositives;

    @Option(names = "--history-fraction", defaultValue = "1.0", paramLabel = "F",
            description = "first keep a random fraction F of each user's training positives, at least one "
                    + "(e.g. 0.2; default: ${DEFAULT-VALUE})")
    double historyFraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "seed of every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rating-threshold", defaultValue = "4.0", paramLabel = "R",
            description = "RecBole ratings >= R are positives (default: ${DEFAULT-VALUE})")
    double ratingThreshold;

    @Option(names = "--force", description = "replace the contents of a non-empty output directory")
    boolean force;

    @Override
    public Integer call() {
        SparseVariant.Summary summary = SparseVariant.derive(new SparseVariant.Options(source, out, maxTrainPositives,
                historyFraction, seed, ratingThreshold, force));
        System.out.print(summary.describe());
        return 0;
    }
}
