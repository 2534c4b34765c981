package org.mmkgrec.service.store;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.mmkgrec.store.SecretFile;
import org.neo4j.graphdb.Result;

/**
 * Opens the graph with the service and closes it with the service: the embedded store under
 * {@code mmkg.store.data-dir} by default, or a Neo4j server over Bolt when {@code mmkg.store.uri}
 * is set. The service reads what the offline jobs (load, train) wrote, plus its own online writes.
 */
@Startup
@ApplicationScoped
public class GraphStoreLifecycle {
    private static final Logger LOG = Logger.getLogger(GraphStoreLifecycle.class);

    @Inject
    StoreConfig config;

    private GraphStore store;
    private GraphBackend backend;

    @PostConstruct
    void start() {
        if (config.uri().isPresent()) {
            backend = new RemoteBackend(config.uri().get(), config.user(), config.auth().password().orElse(null),
                    config.database().orElse(null), config.transactionTimeout());
            for (String statement : CypherScripts.statements("schema")) {
                backend.write(statement, Map.of()); // IF NOT EXISTS throughout: re-runnable
            }
            LOG.infof("graph: Neo4j server at %s", config.uri().get());
        } else {
            Path dataDir = Path.of(config.dataDir());
            boolean listening = config.bolt().enabled() || config.http().enabled();
            boolean generated = config.auth().enabled() && listening && config.auth().password().isEmpty();
            String password = generated ? generatedPassword(dataDir) : config.auth().password().orElse(null);
            store = GraphStore.start(new GraphStoreConfig(dataDir.resolve("graph"), config.pagecache(),
                    config.bolt().enabled(), config.bolt().listen(), config.http().enabled(), config.http().listen(),
                    config.auth().enabled(), password));
            backend = new EmbeddedBackend(store.db(), "embedded " + dataDir.resolve("graph"), config.transactionTimeout(),
                    config.writeRetries());
            if (store.browserUrl() != null) {
                // the password itself stays out of the log; ./mmkg serve prints it on the console
                LOG.infof("Neo4j Browser: %s%s", store.browserUrl(), !config.auth().enabled() ? ""
                        : generated ? " (user " + GraphStoreConfig.USER + ", password in " + passwordFile(dataDir) + ")"
                        : " (user " + GraphStoreConfig.USER + ", password from mmkg.store.auth.password)");
            }
        }
        config.fixture().ifPresent(this::loadFixtureIfEmpty);
        if (backend instanceof EmbeddedBackend embedded) {
            // built here rather than by the first request; its size is what the serving path costs in heap
            LOG.infof("serving graph: %s", embedded.warm());
        }
    }

    /** The generated password of user neo4j: {@code <data-dir>/neo4j-password}, beside {@code api-key}. */
    public static Path passwordFile(Path dataDir) {
        return dataDir.resolve("neo4j-password");
    }

    /** The password in {@link #passwordFile}, generated there first (128 random bits) when absent. */
    public static String generatedPassword(Path dataDir) {
        return SecretFile.readOrCreate(passwordFile(dataDir), 16);
    }

    @PreDestroy
    void stop() {
        if (backend instanceof RemoteBackend remote) {
            remote.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Produces
    @Singleton
    GraphBackend backend() {
        return backend;
    }

    private void loadFixtureIfEmpty(String fixture) {
        String any = "MATCH (n) RETURN n LIMIT 1";
        // start-up work, not a request: outside the read timeout (a cold first query can be slow)
        boolean empty = store != null ? !store.db().executeTransactionally(any, Map.of(), Result::hasNext)
                : backend.read(any, Map.of()).isEmpty();
        if (!empty) {
            return;
        }
        backend.write(read(fixture), Map.of());
        LOG.infof("loaded fixture graph %s", fixture);
    }

    private static String read(String fixture) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(fixture)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + fixture, e);
        }
    }
}
