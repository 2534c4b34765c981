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
                    config.database().orElse(null));
            for (String statement : CypherScripts.statements("schema")) {
                backend.write(statement, Map.of()); // IF NOT EXISTS throughout: re-runnable
            }
            LOG.infof("graph: Neo4j server at %s", config.uri().get());
        } else {
            Path dataDir = Path.of(config.dataDir());
            store = GraphStore.start(new GraphStoreConfig(dataDir.resolve("graph"), config.pagecache(),
                    config.bolt().enabled(), config.bolt().listen(), config.http().enabled(), config.http().listen(),
                    config.auth().enabled(), config.auth().password().orElse(null)));
            backend = new EmbeddedBackend(store.db(), "embedded " + dataDir.resolve("graph"));
            if (store.browserUrl() != null) {
                LOG.infof("Neo4j Browser: %s", store.browserUrl());
            }
        }
        config.fixture().ifPresent(this::loadFixtureIfEmpty);
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
        if (!backend.read("MATCH (n) RETURN n LIMIT 1", Map.of()).isEmpty()) {
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
