package org.mmkgrec.service.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a data set's store lives: {@code <data>/graph} (Neo4j) and {@code <data>/heldout} (test part). */
final class DataOptions {
    @Option(names = {"-d", "--data"}, defaultValue = "data/lastfm", paramLabel = "DIR",
            description = "data directory of the store (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--pagecache", defaultValue = "512m", paramLabel = "SIZE",
            description = "Neo4j page cache size (default: ${DEFAULT-VALUE})")
    String pageCache;

    /** The benchmark data beside the repository: $MMKG_DATA_ROOT, else <repo>/../shared/data. */
    static Path sharedDataRoot() {
        String env = System.getenv("MMKG_DATA_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getenv().getOrDefault("MMKG_HOME", ".");
        return Path.of(home).toAbsolutePath().normalize().resolveSibling("shared").resolve("data");
    }
}
