package org.mmkgrec.loader.graph;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * Runs one load step as a sequence of batches, each committed together with its checkpoint (a
 * {@code (:LoadStep)} node) in the same transaction. So a step interrupted anywhere resumes after
 * its last committed batch, and a finished step is never written twice: the loader's exactly-once
 * guarantee rests on this and on the records arriving in the same order on every run.
 */
final class LoadStepRunner {

    /** Writes one record inside the batch's transaction. */
    @FunctionalInterface
    interface RecordWriter<T> {
        void write(Transaction tx, T record);
    }

    private final GraphDatabaseService db;
    private final String dataset;
    private final String fingerprint;
    private final int batchSize;
    private final boolean quiet;

    LoadStepRunner(GraphDatabaseService db, String dataset, String fingerprint, int batchSize, boolean quiet) {
        this.db = db;
        this.dataset = dataset;
        this.fingerprint = fingerprint;
        this.batchSize = batchSize;
        this.quiet = quiet;
    }

    /**
     * @param onResume called before writing when the step was started earlier (to rebuild lookups)
     * @return the number of records written by this call (0 when the step was already complete)
     */
    <T> long run(String step, List<T> records, RecordWriter<T> writer, Runnable onResume) {
        String key = dataset + "/" + step;
        Checkpoint cp = read(key);
        if (cp.complete) {
            return 0;
        }
        if (cp.batchesDone > 0) {
            onResume.run();
        }
        int total = records.size();
        int batches = (total + batchSize - 1) / batchSize;
        long written = 0;
        try (ProgressBar bar = progressBar(step, total)) {
            bar.stepTo(Math.min(total, (long) cp.batchesDone * batchSize));
            for (int b = cp.batchesDone; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(total, from + batchSize);
                try (Transaction tx = db.beginTx()) {
                    for (int i = from; i < to; i++) {
                        writer.write(tx, records.get(i));
                    }
                    checkpoint(tx, key, b + 1, to == total);
                    tx.commit();
                }
                written += to - from;
                bar.stepTo(to);
            }
            if (batches == 0) {
                try (Transaction tx = db.beginTx()) {
                    checkpoint(tx, key, 0, true);
                    tx.commit();
                }
            }
        }
        return written;
    }

    /** True when the step finished in an earlier run. */
    boolean isComplete(String step) {
        return read(dataset + "/" + step).complete;
    }

    private ProgressBar progressBar(String step, int total) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(String.format("%-12s", step))
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .continuousUpdate();
        if (quiet) {
            Consumer<String> discard = s -> {};
            builder.setConsumer(new DelegatingProgressBarConsumer(discard));
        }
        return builder.build();
    }

    private void checkpoint(Transaction tx, String key, int batchesDone, boolean complete) {
        Node node = tx.findNode(GraphModel.LOAD_STEP, "key", key);
        if (node == null) {
            node = tx.createNode(GraphModel.LOAD_STEP);
            node.setProperty("key", key);
        }
        node.setProperty("fingerprint", fingerprint);
        node.setProperty("batchesDone", batchesDone);
        node.setProperty("complete", complete);
    }

    private Checkpoint read(String key) {
        try (Transaction tx = db.beginTx()) {
            Node node = tx.findNode(GraphModel.LOAD_STEP, "key", key);
            if (node == null) {
                return new Checkpoint(0, false);
            }
            Map<String, Object> p = node.getProperties("fingerprint", "batchesDone", "complete");
            if (!fingerprint.equals(p.get("fingerprint"))) {
                throw new IllegalStateException("load step `" + key + "` was started from other input (fingerprint "
                        + p.get("fingerprint") + ", now " + fingerprint + "); reload into an empty store or use --replace");
            }
            return new Checkpoint(((Number) p.get("batchesDone")).intValue(), Boolean.TRUE.equals(p.get("complete")));
        }
    }

    private record Checkpoint(int batchesDone, boolean complete) {}
}
