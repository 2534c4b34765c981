package org.mmkgrec.service.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.Rows;
import org.mmkgrec.cypher.rec.ServingEngine;
import org.mmkgrec.cypher.rec.TagConfig;
import org.mmkgrec.cypher.rec.TagRecommender;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * The embedded store: recommendations and explanations come from the database's in-memory
 * {@link ServingEngine} (the same engine the {@code mmkg.*} procedures use, kept current by every
 * commit, no transaction per request), and so do similar items; a model version other than the
 * active one is answered by the procedures' store recommender in a read transaction, and so are tag
 * recommendations ({@code TagRecommender}); queries run through
 * {@link GraphDatabaseService#executeTransactionally}.
 *
 * <p>Every read runs in a transaction begun with Neo4j's own timeout
 * ({@link GraphDatabaseService#beginTx(long, TimeUnit)}): the kernel's transaction monitor ends it
 * once it has run longer, and the recommender's next store access fails. That ending surfaces here
 * as {@link GraphTimeoutException}. Writes (behind the API key) are not timed; a write transaction
 * that fails transiently (Neo4j's {@code TransientError} classification, e.g. a deadlock between two
 * writers) is rolled back and run again, at most {@code writeRetries} times, after a short,
 * growing, jittered pause. Neo4j's {@code executeTransactionally} retries nothing, hence the loop.
 */
public final class EmbeddedBackend implements GraphBackend {
    private static final Logger LOG = Logger.getLogger(EmbeddedBackend.class);
    /** The default of {@code mmkg.store.write-retries}. */
    public static final int DEFAULT_WRITE_RETRIES = 3;
    private static final long FIRST_PAUSE_MILLIS = 10;

    private final GraphDatabaseService db;
    private final String description;
    private final Duration readTimeout;
    private final int writeRetries;
    private final ServingEngine engine;
    private final TagRecommender tags;

    /**
     * @param readTimeout how long one read transaction may run; {@link Duration#ZERO} for no limit
     */
    public EmbeddedBackend(GraphDatabaseService db, String description, Duration readTimeout) {
        this(db, description, readTimeout, DEFAULT_WRITE_RETRIES);
    }

    /**
     * @param writeRetries how many times a write transaction that failed transiently is run again (>= 0)
     */
    public EmbeddedBackend(GraphDatabaseService db, String description, Duration readTimeout, int writeRetries) {
        if (readTimeout.isNegative()) {
            throw new IllegalArgumentException("`mmkg.store.transaction-timeout` must be >= 0, was " + readTimeout);
        }
        if (writeRetries < 0 || writeRetries > 100) {
            throw new IllegalArgumentException("`mmkg.store.write-retries` must be in 0..100, was " + writeRetries);
        }
        this.db = db;
        this.description = description;
        this.readTimeout = readTimeout;
        this.writeRetries = writeRetries;
        this.engine = ServingEngine.of(db);
        this.tags = TagRecommender.of(db);
    }

    /** Builds the in-memory serving graph now; what it holds and its estimated size. */
    public String warm() {
        return engine.warm();
    }

    @Override
    public List<Map<String, Object>> recommend(String userId, int k, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 2);
        // the serving engine answers from memory; a model version other than the active one is read from the store
        return engine.recommendRows(userId, k, c).orElseGet(() -> inTx(tx -> Rows.recommend(tx, userId, k, c)));
    }

    @Override
    public List<Map<String, Object>> similar(String itemId, int k, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 2);
        return engine.similarRows(itemId, k, c);
    }

    @Override
    public List<Map<String, Object>> explain(String userId, String itemId, Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 3);
        return engine.explain(userId, itemId, c).stream().map(ServingEngine.PathRef::map).toList();
    }

    /** The tag recommender reads the store (not the serving engine) in a read transaction with the read timeout. */
    @Override
    public List<Map<String, Object>> recommendTags(String itemId, String userId, int k, Map<String, Object> config) {
        TagConfig c = TagConfig.parse(config);
        return inTx(tx -> Rows.tags(tags, tx, itemId, userId, k, c));
    }

    @Override
    public List<Map<String, Object>> read(String query, Map<String, Object> params) {
        return inTx(tx -> rows(tx.execute(query, params)));
    }

    @Override
    public <T> T inWriteTransaction(Function<WriteTransaction, T> work) {
        for (int attempt = 0; ; attempt++) {
            try (Transaction tx = db.beginTx()) {
                T result = work.apply((query, params) -> rows(tx.execute(query, params)));
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (attempt >= writeRetries || !transientFailure(e)) {
                    throw e;
                }
                LOG.debugf("write transaction failed transiently (attempt %d of %d), retrying: %s",
                        attempt + 1, writeRetries + 1, e.toString());
                pause(attempt);
            }
        }
    }

    /** 10 ms, 20 ms, 40 ms ... (at most 1 s), each with up to as much again at random so writers part. */
    private static void pause(int attempt) {
        long base = Math.min(1000, FIRST_PAUSE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a write", interrupted);
        }
    }

    /**
     * Whether Neo4j classifies a failure as transient (worth running the transaction again): a
     * {@link TransientFailureException}, or a status of the {@code TransientError} classification
     * (Cypher reports {@code Neo.TransientError.*} through {@link QueryExecutionException}), possibly
     * as a cause.
     */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientFailureException) {
                return true;
            }
            if (t instanceof Status.HasStatus s
                    && s.status().code().classification() == Status.Classification.TransientError) {
                return true;
            }
            if (t instanceof QueryExecutionException q && q.getStatusCode() != null
                    && q.getStatusCode().startsWith("Neo.TransientError.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
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
