package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mmkgrec.loader.bench.LoaderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mmkg bench-load}: loader throughput on a generated N-Triples KG. */
@Command(name = "bench-load", mixinStandardHelpOptions = true,
        description = "Generate an N-Triples KG and print Jena's raw parse rate beside our load rate into Neo4j.")
final class BenchLoadCommand implements Callable<Integer> {

    @Option(names = "--triples", defaultValue = "1000000", paramLabel = "N", description = "KG triples (default: ${DEFAULT-VALUE})")
    long triples;

    @Option(names = "--work", defaultValue = "target/bench-load", paramLabel = "DIR",
            description = "where the generated file and the temporary store go (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--batch-size", defaultValue = "50000", paramLabel = "N", description = "records per transaction (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--pagecache", defaultValue = "1g", paramLabel = "SIZE", description = "page cache (default: ${DEFAULT-VALUE})")
    String pageCache;

    @Override
    public Integer call() {
        if (triples < 1) {
            throw new IllegalArgumentException("`--triples` must be >= 1, was " + triples);
        }
        System.out.print(LoaderBenchmark.run(work, triples, batchSize, pageCache).describe());
        return 0;
    }
}
