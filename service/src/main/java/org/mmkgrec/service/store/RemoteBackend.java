package org.mmkgrec.service.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.cypher.rec.NotFound;
import org.mmkgrec.service.api.BadRequestException;
import org.mmkgrec.service.recommend.NotFoundException;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * A Neo4j server or cluster over Bolt, with the MMKG-Rec plugin (the cypher module's jar) in its
 * plugins folder: recommendations are {@code CALL mmkg.*} queries, reads go to read transactions
 * (routed to followers in a cluster with a {@code neo4j://} URI), writes to the leader. Reads carry
 * the transaction timeout, which the server enforces; its answer becomes {@link GraphTimeoutException}.
 */
public final class RemoteBackend implements GraphBackend, AutoCloseable {
    private static final String RECOMMEND = "CALL mmkg.recommend($userId, $k, $config) "
            + "YIELD itemId, item, score, source, model, explanations "
            + "RETURN itemId, item.name AS name, score, source, model, explanations";
    private static final String SIMILAR = "CALL mmkg.similar($itemId, $k, $config) "
            + "YIELD itemId, item, score, source, shared RETURN itemId, item.name AS name, score, source, shared";
    private static final String EXPLAIN = "CALL mmkg.explain($userId, $itemId, $config) "
            + "YIELD weight, text, hops RETURN weight, text, hops";

    private final Driver driver;
    private final String uri;
    private final SessionConfig sessions;
    private final Duration readTimeout;
    private final TransactionConfig reads;

    /**
     * @param readTimeout how long one read transaction may run; {@link Duration#ZERO} for the server's
     *                    own {@code db.transaction.timeout}
     */
    public RemoteBackend(String uri, String user, String password, String database, Duration readTimeout) {
        if (readTimeout.isNegative()) {
            throw new IllegalArgumentException("`mmkg.store.transaction-timeout` must be >= 0, was " + readTimeout);
        }
        AuthToken auth = password == null ? AuthTokens.none() : AuthTokens.basic(user, password);
        this.driver = GraphDatabase.driver(uri, auth);
        this.uri = uri;
        this.sessions = database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
        this.readTimeout = readTimeout;
        this.reads = readTimeout.isZero() ? TransactionConfig.empty()
                : TransactionConfig.builder().withTimeout(readTimeout).build();
    }

    @Override
    public List<Map<String, Object>> recommend(String userId, int k, Map<String, Object> config) {
        return read(RECOMMEND, Map.of("userId", userId, "k", k, "config", config));
    }

    @Override
    public List<Map<String, Object>> similar(String itemId, int k, Map<String, Object> config) {
        return read(SIMILAR, Map.of("itemId", itemId, "k", k, "config", config));
    }

    @Override
    public List<Map<String, Object>> explain(String userId, String itemId, Map<String, Object> config) {
        return read(EXPLAIN, Map.of("userId", userId, "itemId", itemId, "config", config));
    }

    @Override
    public List<Map<String, Object>> recommendTags(String itemId, String userId, int k, Map<String, Object> config) {
        Map<String, Object> params = new HashMap<>(); // Map.of refuses the null user
        params.put("itemId", itemId);
        params.put("userId", userId);
        params.put("k", k);
        params.put("config", config);
        return read(CypherScripts.query("queries/call-recommend-tags"), params);
    }

    @Override
    public List<Map<String, Object>> read(String query, Map<String, Object> params) {
        return run(false, query, params);
    }

    /**
     * One write transaction through the driver's managed transactions, which run {@code work} again
     * on transient errors ({@code TransientException}, a lost leader) for at most the driver's
     * {@code maxTransactionRetryTime} (30 s).
     */
    @Override
    public <T> T inWriteTransaction(Function<WriteTransaction, T> work) {
        try (Session session = driver.session(sessions)) {
            return session.executeWrite(tx -> work.apply((query, params) -> tx.run(query, params).list(Record::asMap)));
        } catch (Neo4jException e) {
            throw translate(e, readTimeout);
        }
    }

    private List<Map<String, Object>> run(boolean write, String query, Map<String, Object> params) {
        try (Session session = driver.session(sessions)) {
            TransactionCallback<List<Map<String, Object>>> work = tx -> tx.run(query, params).list(Record::asMap);
            return write ? session.executeWrite(work) : session.executeRead(work, reads);
        } catch (Neo4jException e) {
            throw translate(e, readTimeout);
        }
    }

    @Override
    public boolean available(long timeoutMillis) {
        try {
            driver.verifyConnectivity();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return uri;
    }

    @Override
    public void close() {
        driver.close();
    }

    /**
     * The server's answer to a read past the transaction timeout becomes {@link GraphTimeoutException}
     * (503), as in the embedded set-up; client errors as {@link #translate(ClientException)}.
     */
    static RuntimeException translate(Neo4jException e, Duration readTimeout) {
        if (GraphTimeoutException.isTimeoutCode(e.code())) {
            return new GraphTimeoutException(readTimeout, e);
        }
        return e instanceof ClientException client ? translate(client) : e;
    }

    /**
     * The procedures' own errors arrive as client errors carrying their message: "not found"
     * becomes 404 and a bad argument 400, as in the embedded set-up; anything else stays an error.
     */
    static RuntimeException translate(ClientException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int notFound = message.indexOf(NotFound.PREFIX);
        if (notFound >= 0) {
            String rest = message.substring(notFound + NotFound.PREFIX.length());
            int colon = rest.indexOf(':');
            return new NotFoundException(colon > 0 ? rest.substring(0, colon) : null,
                    colon > 0 ? rest.substring(colon + 1).strip() : rest);
        }
        int config = message.indexOf("config.");
        if (config >= 0) {
            String rest = message.substring(config);
            int colon = rest.indexOf(':');
            return new BadRequestException(colon > 0 ? rest.substring(0, colon) : "config", rest);
        }
        return e;
    }
}
