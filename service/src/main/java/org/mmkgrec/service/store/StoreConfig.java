package org.mmkgrec.service.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The {@code mmkg.store.*} keys; each is documented with its default in application.properties. */
@ConfigMapping(prefix = "mmkg.store")
public interface StoreConfig {
    /**
     * A Neo4j server or cluster to use instead of the embedded store ({@code bolt://host:7687} or
     * {@code neo4j://host:7687}); it needs the cypher module's jar in its plugins folder.
     */
    Optional<String> uri();

    /** User name for {@link #uri()} (default neo4j); the password is {@code mmkg.store.auth.password}. */
    @WithDefault("neo4j")
    String user();

    /** Database on {@link #uri()} (default: the server's default database). */
    Optional<String> database();

    @WithDefault("data/lastfm")
    String dataDir();

    @WithDefault("512m")
    String pagecache();

    Connector bolt();

    Connector http();

    Auth auth();

    /**
     * How long one read (a recommendation, explanation, similar-items or existence query) may run
     * before Neo4j ends its transaction (default 5s; 0 = no limit). Embedded: enforced by Neo4j's
     * transaction monitor, which looks every {@code db.transaction.monitor.check.interval} (2 s), so a
     * read ends between the timeout and the timeout plus 2 s; remote: sent with each transaction.
     */
    @WithDefault("5s")
    Duration transactionTimeout();

    /**
     * How many times an online write whose transaction failed transiently (a deadlock between two
     * writers, a lock wait ended: Neo4j's {@code TransientError} classification) is run again before
     * the request fails (default 3, 0..100). Embedded only: with {@link #uri()} the driver retries
     * for up to its {@code maxTransactionRetryTime} (30 s).
     */
    @WithDefault("3")
    int writeRetries();

    /** A Cypher file (class path or file system) run once when the store is empty. */
    Optional<String> fixture();

    interface Connector {
        @WithDefault("true")
        boolean enabled();

        String listen();
    }

    interface Auth {
        /**
         * Authentication on the embedded store's Bolt and HTTP connectors (default true; may be
         * turned off on loopback only).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Password of user neo4j: on the server of {@link #uri()}; for the embedded store, default the
         * generated one in {@code <data-dir>/neo4j-password}.
         */
        Optional<String> password();
    }
}
