package org.mmkgrec.e2e.crash;

import java.nio.file.Path;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.store.GraphStore;

/**
 * The child of {@link LoadKillTest}: {@code ./mmkg load} of a fixture into {@code <data>/graph}, as
 * the CLI runs it (LoadJob on the embedded store), saying {@code ready <status before>}, then
 * {@code commit <n>} per transaction, then {@code done}.
 *
 * <p>Arguments: source directory, data directory, RDF KG file or {@code -}.
 */
public final class LoadChild {
    private LoadChild() {}

    public static void main(String[] args) {
        Path source = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path kg = "-".equals(args[2]) ? null : Path.of(args[2]);
        try (GraphStore store = ChildMain.open(data.resolve("graph"))) {
            String before = LoadKillTest.datasetStatus(store.db());
            ChildMain.reportCommits(store);
            ChildMain.say("ready " + before);
            new LoadJob(LoadKillTest.config(source, data, kg)).run(store.db());
            ChildMain.say("done");
        }
    }
}
