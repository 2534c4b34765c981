package org.mmkgrec.service.cli;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmkgrec.embedding.version.ModelVersions;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./mmkg versions}: lists the model versions of a store, newest first; with
 * {@code --prune --keep N} removes the old ones ({@link ModelVersions#prune}: crash-safe, never the
 * active version). The store must not be open in a running service (one process per embedded store).
 */
@Command(name = "versions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the model versions of a store, newest first; --prune --keep N removes all but the N newest",
                "complete versions and the active one (vectors, index, metadata), finishing any interrupted prune first."})
final class VersionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--prune", description = "remove old versions (needs --keep)")
    boolean prune;

    @Option(names = "--keep", paramLabel = "N",
            description = "with --prune: how many of the newest complete versions to keep besides the active one")
    Integer keep;

    @Override
    public Integer call() {
        if (prune != (keep != null)) {
            throw new IllegalArgumentException(prune ? "--prune needs --keep N" : "--keep is only meaningful with --prune");
        }
        if (keep != null && keep < 0) {
            throw new IllegalArgumentException("--keep must be >= 0, was " + keep);
        }
        if (!Files.isDirectory(data.dataDir.resolve("graph"))) {
            throw new IllegalArgumentException("no store under " + data.dataDir + ": run ./mmkg load --data " + data.dataDir + " first");
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(data.dataDir.resolve("graph"), data.pageCache))) {
            if (prune) {
                ModelVersions.PruneResult r = ModelVersions.prune(store.db(), keep);
                if (!r.finished().isEmpty()) {
                    out.printf("finished %d interrupted version(s): %s%n", r.finished().size(), r.finished());
                }
                out.printf("pruned %d version(s): %s%n", r.removed().size(), r.removed());
            }
            for (Map<String, Object> v : ModelVersions.list(store.db())) {
                out.printf("%s%-40s %-9s %-8s %-24s %s%n", Boolean.TRUE.equals(v.get("active")) ? "* " : "  ",
                        v.get("id"), v.get("model"), v.get("status"), v.get("trainedAt"), v.get("metrics"));
            }
        }
        out.flush();
        return 0;
    }
}
