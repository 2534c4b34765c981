package org.mmkgrec.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.loader.graph.GraphWriter;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Files to graph in three steps: read and validate everything into a {@link DatasetBuffer} (so bad
 * input stops the load before anything is written), move the test part of the split into the
 * held-out file, then write the rest with the checkpointed {@link GraphWriter}.
 */
public final class LoadJob {
    private final LoadConfig config;

    public LoadJob(LoadConfig config) {
        this.config = config;
    }

    /** Opens the embedded store of {@code config.dataDir()} (no Bolt, no HTTP), loads, closes. */
    public static LoadSummary runEmbedded(LoadConfig config, String pageCache) {
        try (org.mmkgrec.store.GraphStore store = org.mmkgrec.store.GraphStore.start(
                org.mmkgrec.store.GraphStoreConfig.embeddedOnly(config.dataDir().resolve("graph"), pageCache))) {
            return new LoadJob(config).run(store.db());
        }
    }

    public LoadSummary run(GraphDatabaseService db) {
        InputErrors errors = new InputErrors(config.onError());
        long t0 = System.nanoTime();
        DatasetBuffer data = new DatasetBuffer();
        try {
            DatasetReaders.read(config, data, errors);
        } catch (OutOfMemoryError e) {
            // a reader that knows its file wraps this itself; here the data set as a whole was too big
            throw InputException.outOfMemory(config.source(), 0);
        }
        Map<String, Long> parsed = parsedCounts(data);
        double parseSeconds = (System.nanoTime() - t0) / 1e9;

        String fingerprint = InputFingerprint.of(inputs(), config.fingerprintOptions());
        GraphWriter.Options options = new GraphWriter.Options(config.dataset(), config.split(), fingerprint,
                config.coEntityThreshold(), config.batchSize(), config.replace(), config.quiet(),
                Map.of("testFile", HeldOutFile.RELATIVE_PATH, "source", config.source().toAbsolutePath().toString()));

        // The test part goes to the held-out file and nowhere else. The files are written once the
        // graph holds the matching load and before its data set node is marked complete: a refused
        // load leaves the store's files as they were, and a complete data set always has its files
        // (a crash in between leaves the data set `loading`, and the re-run writes them again).
        List<Interaction> all = List.copyOf(data.interactions);
        List<Interaction> test = new ArrayList<>();
        data.interactions.removeIf(x -> x.split() == Split.TEST && test.add(x));

        long t1 = System.nanoTime();
        if (config.encodeText() && !GraphWriter.isComplete(db, config.dataset(), fingerprint, "contents")) {
            ContentEncoding.encodeText(data.contents, config.quiet());
        }
        double encodeSeconds = (System.nanoTime() - t1) / 1e9;

        long t2 = System.nanoTime();
        Runnable heldOutFiles = () -> {
            HeldOutFile.write(config.dataDir(), test);
            if (!config.split().equals("none")) {
                HeldOutFile.writeSplit(config.dataDir(), all); // the split used, for reuse
            }
        };
        GraphWriter.Summary written = new GraphWriter(db, options).write(data, heldOutFiles);
        if (written.alreadyComplete()) {
            heldOutFiles.run(); // the same input again: same files (restores them if they were deleted)
        }
        double writeSeconds = (System.nanoTime() - t2) / 1e9;
        long triplesWritten = written.writtenByStep().getOrDefault("triples", 0L);
        return new LoadSummary(config.dataset(), config.split(), parsed, written.writtenByStep(), written.graphCounts(),
                test.size(), errors.skipped(), errors.skippedByFile(), errors.firstMessages(), written.alreadyComplete(), parseSeconds,
                encodeSeconds, writeSeconds,
                triplesWritten > 0 && written.tripleSeconds() > 0 ? triplesWritten / written.tripleSeconds() : 0);
    }

    private List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(config.source()));
        if (config.kgFile() != null) {
            inputs.add(config.kgFile());
        }
        if (config.kgLinks() != null) {
            inputs.add(config.kgLinks());
        }
        for (LoadConfig.VectorSource v : config.vectors()) {
            inputs.add(v.file());
            if (v.ids() != null) {
                inputs.add(v.ids());
            }
        }
        return inputs;
    }

    private static Map<String, Long> parsedCounts(DatasetBuffer d) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("users", (long) d.users.size());
        m.put("items", (long) d.items.size());
        m.put("interactions", (long) d.interactions.size());
        m.put("triples", (long) d.triples.size());
        m.put("links", (long) d.links.size());
        m.put("contents", (long) d.contents.size());
        m.put("tagUses", (long) d.tagUses.size());
        return m;
    }
}
