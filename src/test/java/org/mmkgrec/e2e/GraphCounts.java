package org.mmkgrec.e2e;

import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;

/** Runs a counting query (one row, column {@code c}) against a loaded store. */
final class GraphCounts {
    private GraphCounts() {}

    static long count(GraphDatabaseService db, String query) {
        return count(db, query, Map.of());
    }

    static long count(GraphDatabaseService db, String query, Map<String, Object> params) {
        return db.executeTransactionally(query, params, r -> ((Number) r.next().get("c")).longValue());
    }
}
