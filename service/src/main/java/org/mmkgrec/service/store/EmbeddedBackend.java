package org.mmkgrec.service.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.Rows;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The embedded store: recommendations call the recommender of the {@code mmkg.*} procedures
 * directly in a read transaction (no Cypher round trip), queries run through
 * {@link GraphDatabaseService#executeTransactionally}.
 */
public final class EmbeddedBackend implements GraphBackend {
    private final GraphDatabaseService db;
    private final String description;

    public EmbeddedBackend(GraphDatabaseService db, String description) {
        this.db = db;
        this.description = description;
    }

    @Override
    public List<Map<String, Object>> recommend(String userId, int k, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 2);
        return inTx(tx -> Rows.recommend(tx, userId, k, c));
    }

    @Override
    public List<Map<String, Object>> similar(String itemId, int k, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 2);
        return inTx(tx -> Rows.similar(tx, itemId, k, c));
    }

    @Override
    public List<Map<String, Object>> explain(String userId, String itemId, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 3);
        return inTx(tx -> Rows.explain(tx, userId, itemId, c));
    }

    @Override
    public List<Map<String, Object>> read(String query, Map<String, Object> params) {
        return inTx(tx -> rows(tx.execute(query, params)));
    }

    @Override
    public List<Map<String, Object>> write(String query, Map<String, Object> params) {
        return db.executeTransactionally(query, params, EmbeddedBackend::rows);
    }

    @Override
    public boolean available(long timeoutMillis) {
        return db.isAvailable(timeoutMillis);
    }

    @Override
    public String describe() {
        return description;
    }

    private <T> T inTx(Function<Transaction, T> work) {
        try (Transaction tx = db.beginTx()) {
            return work.apply(tx);
        }
    }

    private static List<Map<String, Object>> rows(Result result) {
        List<Map<String, Object>> out = new ArrayList<>();
        result.forEachRemaining(out::add);
        return out;
    }
}
