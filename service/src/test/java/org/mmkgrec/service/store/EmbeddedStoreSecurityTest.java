package org.mmkgrec.service.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.SecurityException;

/**
 * The service with Bolt and Browser on, as {@code ./mmkg serve} runs it, and no password
 * configured: it generates one into the data directory, and nothing reaches the graph without it.
 */
@QuarkusTest
@TestProfile(EmbeddedStoreSecurityTest.Listening.class)
class EmbeddedStoreSecurityTest {
    static final int BOLT = freePort();
    static final int HTTP = freePort();

    public static class Listening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmkg.store.bolt.enabled", "true", "mmkg.store.bolt.listen", "127.0.0.1:" + BOLT,
                    "mmkg.store.http.enabled", "true", "mmkg.store.http.listen", "127.0.0.1:" + HTTP);
        }
    }

    @Inject
    StoreConfig config;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long countItems(AuthToken auth) {
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, auth); Session session = driver.session()) {
            return session.run("MATCH (i:Item) RETURN count(i) AS c").single().get("c").asLong();
        }
    }

    @Test
    void theGeneratedPasswordIsOwnerOnlyBesideTheApiKeyAndOpensBolt() throws IOException {
        Path file = Path.of(config.dataDir()).resolve("neo4j-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).matches("[0-9a-f]{32}");
        // the fixture graph has 5 items
        assertThat(countItems(AuthTokens.basic("neo4j", password))).isEqualTo(5);
        assertThatThrownBy(() -> countItems(AuthTokens.none())).isInstanceOf(SecurityException.class);
        // the REST API still answers from the same store
        given().when().get("/api/v1/users/u1/recommendations?k=1").then().statusCode(200);
    }

    @Test
    void httpServesBrowserButRunsNoCypher() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> tx = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/db/neo4j/tx/commit"))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statements\": [{\"statement\": \"MATCH (n) DETACH DELETE n\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tx.statusCode()).isIn(401, 404);
        assertThat(tx.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*", "http://evil.example");
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/browser/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
