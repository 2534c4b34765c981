package org.mmkgrec.service.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.Rows;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * The embedded store: recommendations call the recommender of the {@code mmkg.*} procedures
 * directly in a read transaction (no Cypher round trip), queries run through
 * {@link GraphDatabaseService#executeTransactionally}.
 *
 * <p>Every read runs in a transaction begun with Neo4j's own timeout
 * ({@link GraphDatabaseService#beginTx(long, TimeUnit)}): the kernel's transaction monitor ends it
 * once it has run longer, and the recommender's next store access fails. That ending surfaces here
 * as {@link GraphTimeoutException}. Writes (behind the API key) are not timed.
 */
public final class EmbeddedBackend implements GraphBackend {
    private final GraphDatabaseService db;
    private final String description;
    private final Duration readTimeout;

    /**
     * @param readTimeout how long one read transaction may run; {@link Duration#ZERO} for no limit
     */
    public EmbeddedBackend(GraphDatabaseService db, String description, Duration readTimeout) {
        if (readTimeout.isNegative()) {
            throw new IllegalArgumentException("`mmkg.store.transaction-timeout` must be >= 0, was " + readTimeout);
        }
        this.db = db;
        this.description = description;
        this.readTimeout = readTimeout;
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
        try (Transaction tx = readTimeout.isZero() ? db.beginTx()
                : db.beginTx(readTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return work.apply(tx);
        } catch (RuntimeException e) {
            if (timedOut(e)) {
                throw new GraphTimeoutException(readTimeout, e);
            }
            throw e;
        }
    }

    /**
     * Neo4j reports the ended transaction as a {@code TransactionTerminatedException} (core API) or a
     * {@code QueryExecutionException} (Cypher), each with the timeout's status, possibly as a cause.
     */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Status.HasStatus s && GraphTimeoutException.isTimeoutCode(s.status().code().serialize())) {
                return true;
            }
            if (t instanceof QueryExecutionException q && GraphTimeoutException.isTimeoutCode(q.getStatusCode())) {
                return true;
            }
        }
        return false;
    }

    private static List<Map<String, Object>> rows(Result result) {
        List<Map<String, Object>> out = new ArrayList<>();
        result.forEachRemaining(out::add);
        return out;
    }
}
