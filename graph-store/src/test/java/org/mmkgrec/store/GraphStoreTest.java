package org.mmkgrec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.Transaction;

class GraphStoreTest {
    @TempDir
    static Path home;
    static GraphStore store;
    static int httpPort;
    static int boltPort;

    // (a)->(b), (a)->(c), (b)->(c), (d) alone: degrees (natural orientation, outgoing) a=2, b=1, c=0, d=0
    static final String FIXTURE = """
            CREATE (a:User {id: 'a'}), (b:User {id: 'b'}), (c:Item {id: 'c'}), (d:Item {id: 'd'}),
                   (a)-[:INTERACTED]->(b), (a)-[:INTERACTED]->(c), (b)-[:INTERACTED]->(c)""";

    @BeforeAll
    static void start() throws IOException {
        httpPort = freePort();
        boltPort = freePort();
        store = GraphStore.start(new GraphStoreConfig(home, "32m", true, "127.0.0.1:" + boltPort,
                true, "127.0.0.1:" + httpPort, false, null));
        store.db().executeTransactionally(FIXTURE);
    }

    @AfterAll
    static void stop() {
        long t0 = System.nanoTime();
        store.close();
        store.close(); // idempotent
        System.out.printf("graph store closed in %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void gdsIsRegistered() {
        try (Transaction tx = store.db().beginTx()) {
            assertThat(tx.execute("CALL gds.version()").next().get("gdsVersion")).isEqualTo("2.13.9");
        }
    }

    @Test
    void gdsAlgorithmsRunInPlace() {
        // the result must be consumed: a procedure call runs lazily
        store.db().executeTransactionally("CALL gds.graph.project('g', ['User', 'Item'], 'INTERACTED')",
                Map.of(), r -> r.resultAsString());
        try (Transaction tx = store.db().beginTx()) {
            var rows = tx.execute("CALL gds.degree.stream('g') YIELD nodeId, score "
                    + "RETURN gds.util.asNode(nodeId).id AS id, score ORDER BY id").stream()
                    .map(r -> r.get("id") + "=" + ((Number) r.get("score")).intValue()).toList();
            assertThat(rows).containsExactly("a=2", "b=1", "c=0", "d=0");
        } finally {
            store.db().executeTransactionally("CALL gds.graph.drop('g')", Map.of(), r -> r.resultAsString());
        }
    }

    @Test
    void mmkgStatsCountsLabelsAndTypes() {
        try (Transaction tx = store.db().beginTx()) {
            var rows = tx.execute("CALL mmkg.stats() YIELD kind, name, count RETURN kind, name, count").stream()
                    .map(r -> r.get("kind") + ":" + r.get("name") + "=" + r.get("count")).toList();
            assertThat(rows).containsExactly("label:Item=2", "label:User=2", "relationshipType:INTERACTED=3");
        }
    }

    @Test
    void schemaIsAppliedAndReRunnable() {
        try (Transaction tx = store.db().beginTx()) {
            List<String> names = tx.execute("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name").stream()
                    .map(r -> (String) r.get("name")).toList();
            assertThat(names).contains("mmkg_user_id", "mmkg_item_id", "mmkg_entity_id", "mmkg_content_id");
        }
        // a second application changes nothing and does not fail
        store.db().executeTransactionally("CREATE CONSTRAINT mmkg_user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE");
        assertThatThrownBy(() -> store.db().executeTransactionally("CREATE (:User {id: 'a'})"))
                .hasMessageContaining("already exists");
    }

    @Test
    void boltAnswersCypherAndGdsLikeNeo4jBrowserDoes() {
        try (org.neo4j.driver.Driver driver = org.neo4j.driver.GraphDatabase.driver(store.boltUri(),
                org.neo4j.driver.AuthTokens.none());
             org.neo4j.driver.Session session = driver.session()) {
            assertThat(session.run("CALL gds.version()").single().get("gdsVersion").asString()).isEqualTo("2.13.9");
            assertThat(session.run("MATCH (u:User) RETURN count(u) AS c").single().get("c").asLong()).isEqualTo(2);
        }
    }

    @Test
    void neo4jBrowserIsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/browser/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("<html");
        assertThat(store.browserUrl()).endsWith("&preselectAuthMethod=NO_AUTH");
    }

    @Test
    void refusesNonLoopbackWithoutAuthentication() {
        assertThatThrownBy(() -> GraphStoreConfig.fromMap(Map.of("mmkg.store.home", "x",
                "mmkg.store.bolt.listen", "0.0.0.0:7687", "mmkg.store.auth.enabled", "false")))
                .hasMessageContaining("`mmkg.store.auth.enabled`")
                .hasMessageContaining("`mmkg.store.bolt.listen`=0.0.0.0:7687");
        assertThatThrownBy(() -> GraphStoreConfig.fromMap(Map.of("mmkg.store.home", "x",
                "mmkg.store.http.listen", "0.0.0.0:7474", "mmkg.store.auth.enabled", "true",
                "mmkg.store.auth.password", "short")))
                .hasMessageContaining("`mmkg.store.auth.password`");
        // with a password it is accepted, and toString never shows it
        GraphStoreConfig ok = GraphStoreConfig.fromMap(Map.of("mmkg.store.home", "x",
                "mmkg.store.bolt.listen", "0.0.0.0:7687", "mmkg.store.auth.enabled", "true",
                "mmkg.store.auth.password", "s3cret-enough"));
        assertThat(ok.toString()).doesNotContain("s3cret");
    }
}
