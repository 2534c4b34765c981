package org.mmkgrec.service.remote;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.mmkgrec.cypher.procedures.MmkgProcedures;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A separate in-process Neo4j server (Neo4j's test harness) holding the fixture graph and our
 * procedures, which the service under test reaches over Bolt only: the set-up of a user who runs
 * Neo4j as a server or cluster.
 */
public class HarnessServer implements QuarkusTestResourceLifecycleManager {
    private Neo4j server;

    @Override
    public Map<String, String> start() {
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder().withDisabledServer().withFixture(fixture());
        for (Class<?> procedures : MmkgProcedures.PROCEDURES) {
            builder = builder.withProcedure(procedures);
        }
        server = builder.build();
        return Map.of("mmkg.store.uri", server.boltURI().toString(), "mmkg.store.fixture", "");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String fixture() {
        try (InputStream in = HarnessServer.class.getResourceAsStream("/fixture.cypher")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
