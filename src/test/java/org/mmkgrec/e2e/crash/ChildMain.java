package org.mmkgrec.e2e.crash;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * What the crash mains ({@link LoadChild}, {@link WriteBackChild}, {@link OnlineWritesChild}) share:
 * the store opened as the batch jobs open it, and event lines on stdout for the test to act on.
 */
final class ChildMain {
    /** Marks the lines meant for the test; anything else on stdout is ignored. */
    static final String PREFIX = "@@ ";

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private ChildMain() {}

    /** The store in {@code home}, Bolt and HTTP off (as {@code ./mmkg load} and {@code train} open it). */
    static GraphStore open(Path home) {
        long t0 = System.nanoTime();
        GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"));
        // for the child's log, which a failing test quotes: a slow start is the usual reason for a timeout
        System.err.printf("store %s open after %.1f s%n", home, (System.nanoTime() - t0) / 1e9);
        return store;
    }

    /** One event line, flushed at once (the test may kill right after reading it). */
    static synchronized void say(String event) {
        OUT.println(PREFIX + event);
        OUT.flush();
    }

    /**
     * Says {@code commit <n>} after each transaction that changed the graph has committed; the test
     * picks its kill points by these numbers, so they land between and inside batches, not only
     * before or after the whole job.
     */
    static void reportCommits(GraphStore store) {
        countCommits(store, n -> say("commit " + n));
    }

    /** Calls {@code onCommit} with 1, 2, 3, ... after each committed transaction that changed the graph. */
    static void countCommits(GraphStore store, LongConsumer onCommit) {
        AtomicLong commits = new AtomicLong();
        TransactionEventListener<Boolean> listener = new TransactionEventListener<>() {
            @Override
            public Boolean beforeCommit(TransactionData data, Transaction tx, GraphDatabaseService db) {
                return changes(data);
            }

            @Override
            public void afterCommit(TransactionData data, Boolean changed, GraphDatabaseService db) {
                if (Boolean.TRUE.equals(changed)) {
                    onCommit.accept(commits.incrementAndGet());
                }
            }

            @Override
            public void afterRollback(TransactionData data, Boolean changed, GraphDatabaseService db) {}
        };
        store.dbms().registerTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, listener);
    }

    private static boolean changes(TransactionData d) {
        return d.createdNodes().iterator().hasNext() || d.deletedNodes().iterator().hasNext()
                || d.createdRelationships().iterator().hasNext() || d.deletedRelationships().iterator().hasNext()
                || d.assignedNodeProperties().iterator().hasNext() || d.removedNodeProperties().iterator().hasNext()
                || d.assignedRelationshipProperties().iterator().hasNext()
                || d.removedRelationshipProperties().iterator().hasNext()
                || d.assignedLabels().iterator().hasNext() || d.removedLabels().iterator().hasNext();
    }
}
