package org.mmkgrec.service.store;

import java.util.List;
import java.util.Map;

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

    /** Runs a read query in a read transaction; each row as a map of plain values. */
    List<Map<String, Object>> read(String query, Map<String, Object> params);

    /** Runs a write query in one transaction, committed before this returns; rows as for {@link #read}. */
    List<Map<String, Object>> write(String query, Map<String, Object> params);

    /** Whether the database answers within the timeout. */
    boolean available(long timeoutMillis);

    /** "embedded <dir>" or the Bolt URI, for logs and health data. */
    String describe();
}
