package org.mmkgrec.service.store;

import java.time.Duration;

/**
 * A read ran past {@code mmkg.store.transaction-timeout} and Neo4j ended its transaction (embedded:
 * the kernel's transaction monitor; remote: the server, with the timeout the driver sent). Answered
 * with 503 and a JSON body; the client may ask again for less (fewer items, paths or hops).
 */
public final class GraphTimeoutException extends RuntimeException {
    /** Part of the status code of both timeouts Neo4j reports (configured and client-sent). */
    static final String TIMED_OUT = "TransactionTimedOut";

    private final Duration timeout;

    public GraphTimeoutException(Duration timeout, Throwable cause) {
        super("the graph did not answer within the transaction timeout of " + format(timeout)
                + " (`mmkg.store.transaction-timeout`); ask for fewer items, paths or hops", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether Neo4j's status code (e.g. {@code Neo.ClientError.Transaction.TransactionTimedOut}) says so. */
    static boolean isTimeoutCode(String statusCode) {
        return statusCode != null && statusCode.contains(TIMED_OUT);
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
