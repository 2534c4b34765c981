package org.mmkgrec.service.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the service's graph lives: the embedded store (default) or a Neo4j server or cluster over
 * Bolt ({@code mmkg.store.uri}). Both answer with plain values (strings, numbers, booleans, lists,
 * maps), so everything above this interface is the same in both set-ups. Every query takes
 * {@code $parameters}.
 */
public interface GraphBackend {

    /** mmkg.recommend as rows {itemId, name, score, source, explanations}. */
    List<Map<String, Object>> recommend(String userId, int k, Map<String, Object> config);

    /** mmkg.similar as rows {itemId, name, score, source, shared}. */
    List<Map<String, Object>> similar(String itemId, int k, Map<String, Object> config);

    /** mmkg.explain as rows {weight, text, hops}. */
    List<Map<String, Object>> explain(String userId, String itemId, Map<String, Object> config);

    /**
     * mmkg.recommendTags as rows {tagId, name, score, posted, explanation}, read in one read
     * transaction; {@code userId} may be null (tags for the item alone).
     */
    List<Map<String, Object>> recommendTags(String itemId, String userId, int k, Map<String, Object> config);

    /** Runs a read query in a read transaction; each row as a map of plain values. */
    List<Map<String, Object>> read(String query, Map<String, Object> params);

    /** Runs a write query in one transaction, committed before this returns; rows as for {@link #read}. */
    default List<Map<String, Object>> write(String query, Map<String, Object> params) {
        return inWriteTransaction(tx -> tx.run(query, params));
    }

    /**
     * Runs {@code work} in ONE write transaction, committed when it returns and rolled back when it
     * throws, so a write of several statements is all or nothing. A transient failure (a deadlock,
     * a lock wait ended, a leader switch: Neo4j's {@code TransientError} classification) rolls back
     * and runs {@code work} again from the start, a bounded number of times; so {@code work} must
     * change nothing but the graph, through {@code tx}.
     */
    <T> T inWriteTransaction(Function<WriteTransaction, T> work);

    /** The statements of one write transaction (see {@link #inWriteTransaction}). */
    @FunctionalInterface
    interface WriteTransaction {
        /** Runs one query in the transaction; rows as for {@link #read}. */
        List<Map<String, Object>> run(String query, Map<String, Object> params);
    }

    /** Whether the database answers within the timeout. */
    boolean available(long timeoutMillis);

    /** "embedded <dir>" or the Bolt URI, for logs and health data. */
    String describe();
}
