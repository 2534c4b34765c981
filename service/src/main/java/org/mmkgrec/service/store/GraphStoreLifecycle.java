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
import org.jboss.logging.Logger;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Starts the embedded store with the service and stops it with the service. The service only
 * reads what the offline jobs (load, train) wrote, plus the online writes of later routes.
 */
@Startup
@ApplicationScoped
public class GraphStoreLifecycle {
    private static final Logger LOG = Logger.getLogger(GraphStoreLifecycle.class);

    @Inject
    StoreConfig config;

    private GraphStore store;

    @PostConstruct
    void start() {
        Path dataDir = Path.of(config.dataDir());
        store = GraphStore.start(new GraphStoreConfig(dataDir.resolve("graph"), config.pagecache(),
                config.bolt().enabled(), config.bolt().listen(), config.http().enabled(), config.http().listen(),
                config.auth().enabled(), config.auth().password().orElse(null)));
        config.fixture().ifPresent(this::loadFixtureIfEmpty);
        if (store.browserUrl() != null) {
            LOG.infof("Neo4j Browser: %s", store.browserUrl());
        }
    }

    @PreDestroy
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Produces
    @Singleton
    GraphDatabaseService database() {
        return store.db();
    }

    public GraphStore store() {
        return store;
    }

    private void loadFixtureIfEmpty(String fixture) {
        try (Transaction tx = store.db().beginTx()) {
            if (tx.getAllNodes().iterator().hasNext()) {
                return;
            }
        }
        store.db().executeTransactionally(read(fixture));
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
