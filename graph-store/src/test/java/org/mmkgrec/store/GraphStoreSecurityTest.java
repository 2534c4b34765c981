package org.mmkgrec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.SecurityException;

/**
 * The store with its default configuration ({@link GraphStoreConfig#fromMap} given only the home,
 * free loopback ports and the generated password): what a web page, a local process or an
 * authenticated Browser user can and cannot do.
 */
class GraphStoreSecurityTest {
    @TempDir
    static Path data;
    static GraphStore store;
    static String password;
    static String http;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String FOREIGN_ORIGIN = "http://evil.example";

    @BeforeAll
    static void start() throws IOException {
        password = SecretFile.readOrCreate(data.resolve("neo4j-password"), 16);
        store = GraphStore.start(defaults(freePort(), freePort()));
        http = store.config().httpOrigin();
        store.db().executeTransactionally("CREATE (:User {id: 'u1'}), (:Item {id: 'i1'})");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static GraphStoreConfig defaults(int boltPort, int httpPort) {
        return GraphStoreConfig.fromMap(Map.of("mmkg.store.home", data.resolve("graph").toString(),
                "mmkg.store.pagecache", "32m",
                "mmkg.store.bolt.listen", "127.0.0.1:" + boltPort, "mmkg.store.http.listen", "127.0.0.1:" + httpPort,
                "mmkg.store.auth.password", password));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long run(AuthToken auth, String query) {
        try (Driver driver = GraphDatabase.driver(store.boltUri(), auth); Session session = driver.session()) {
            return session.run(query).single().get(0).asLong();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.header("Origin", FOREIGN_ORIGIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder cypherOverHttp(String path) {
        return HttpRequest.newBuilder(URI.create(http + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"statements\": [{\"statement\": \"CREATE (:Pwned) RETURN 1\"}]}"));
    }

    @Test
    void authenticationIsOnByDefault() {
        assertThat(store.config().authEnabled()).isTrue();
        assertThat(store.browserUrl()).isEqualTo(http + "/browser/?dbms=bolt://neo4j@"
                + store.config().boltListen() + "&preselectAuthMethod=NATIVE").doesNotContain("NO_AUTH");
    }

    @Test
    void boltRefusesSessionsWithoutTheGeneratedPassword() {
        assertThatThrownBy(() -> run(AuthTokens.none(), "RETURN 1")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> run(AuthTokens.basic("neo4j", "neo4j"), "RETURN 1")).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> run(AuthTokens.basic("neo4j", password + "x"), "RETURN 1"))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void boltAcceptsTheGeneratedPasswordForCypherGdsAndMmkg() {
        AuthToken neo4j = AuthTokens.basic("neo4j", password);
        assertThat(run(neo4j, "MATCH (u:User) RETURN count(u)")).isEqualTo(1);
        assertThat(run(neo4j, "CALL gds.version() YIELD gdsVersion RETURN size(gdsVersion)")).isPositive();
        // mmkg.* is not unrestricted any more and still runs
        assertThat(run(neo4j, "CALL mmkg.stats() YIELD kind, count RETURN sum(count)")).isEqualTo(2);
    }

    @Test
    void httpRunsNoCypherWithOrWithoutCredentials() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("neo4j:" + password).getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/db/neo4j/tx/commit", "/db/neo4j/tx", "/db/neo4j/query/v2", "/db/data/transaction/commit")) {
            assertThat(send(cypherOverHttp(path)).statusCode()).as("POST " + path).isIn(401, 404);
            // the endpoints are gone altogether: credentials do not bring them back
            assertThat(send(cypherOverHttp(path).header("Authorization", basic)).statusCode())
                    .as("POST " + path + " with credentials").isEqualTo(404);
        }
        long pwned = store.db().executeTransactionally("MATCH (n:Pwned) RETURN count(n) AS c", Map.of(),
                r -> (Long) r.next().get("c"));
        assertThat(pwned).isZero();
    }

    @Test
    void noAnswerAllowsAForeignOrigin() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(send(HttpRequest.newBuilder(URI.create(http + "/"))));
        answers.add(send(HttpRequest.newBuilder(URI.create(http + "/browser/"))));
        answers.add(send(cypherOverHttp("/db/neo4j/tx/commit")));
        answers.add(send(HttpRequest.newBuilder(URI.create(http + "/db/neo4j/tx/commit"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("Access-Control-Allow-Origin"))
                    .as(answer.request().method() + " " + answer.uri())
                    .doesNotContain("*", FOREIGN_ORIGIN)
                    .allMatch(http::equals);
        }
        // the discovery document Browser reads names Browser's own origin
        assertThat(answers.get(0).headers().allValues("Access-Control-Allow-Origin")).containsExactly(http);
    }

    @Test
    void browserIsServedWithoutTelemetryOrThirdPartyHosts() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(http + "/browser/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(GraphStore.BROWSER_CONTENT_SECURITY_POLICY);
        // Browser reads its settings from dbms.clientConfig() after connecting
        try (Driver driver = GraphDatabase.driver(store.boltUri(), AuthTokens.basic("neo4j", password));
             Session session = driver.session()) {
            Map<String, String> settings = new java.util.HashMap<>();
            session.run("CALL dbms.clientConfig() YIELD name, value").forEachRemaining(
                    r -> settings.put(r.get("name").asString(), r.get("value").asString()));
            assertThat(settings).containsEntry("client.allow_telemetry", "false")
                    .containsEntry("browser.remote_content_hostname_whitelist", "localhost")
                    .containsEntry("dbms.security.auth_enabled", "true");
        }
    }

    @Test
    void loadCsvReadsFilesFromTheEmptyImportDirectoryOnly() throws IOException {
        AuthToken neo4j = AuthTokens.basic("neo4j", password);
        Path importDir = store.config().importDir();
        assertThat(importDir).isEqualTo(data.resolve("graph/import").toAbsolutePath());
        Path inside = Files.writeString(importDir.resolve("ok.csv"), "a\nb\n");
        Path outside = Files.writeString(data.resolve("outside.csv"), "secret\n");
        try {
            // the control: LOAD CSV itself works, from the import directory
            assertThat(run(neo4j, "LOAD CSV FROM 'file:///ok.csv' AS row RETURN count(row)")).isEqualTo(2);
            for (String url : List.of("file://" + outside.toAbsolutePath(), "file:///../outside.csv",
                    "file:///../../outside.csv", "file:///../../neo4j-password", "file:///%2e%2e/outside.csv")) {
                assertThatThrownBy(() -> run(neo4j, "LOAD CSV FROM '" + url + "' AS row RETURN count(row)"))
                        .as(url).isInstanceOf(ClientException.class)
                        .message().doesNotContain("secret").doesNotContain(password);
            }
        } finally {
            Files.delete(inside);
        }
    }

    @Test
    void loadCsvFetchesNoUrlAtAll() throws IOException {
        // a server on loopback that would hand out a secret; LOAD CSV must not even connect to it
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "secret\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            for (String url : List.of("http://127.0.0.1:" + port + "/a.csv", "http://localhost:" + port + "/a.csv",
                    "http://[::1]:" + port + "/a.csv", "https://127.0.0.1:" + port + "/a.csv")) {
                assertThatThrownBy(() -> run(AuthTokens.basic("neo4j", password),
                        "LOAD CSV FROM '" + url + "' AS row RETURN count(row)"))
                        .as(url).isInstanceOf(ClientException.class).message().doesNotContain("secret");
            }
            assertThat(requests.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void passwordFileIsOwnerOnlyAndTheStoreKeepsAcceptingItAfterARestart() throws IOException {
        Path file = data.resolve("neo4j-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        store.close();
        String again = SecretFile.readOrCreate(file, 16);
        assertThat(again).isEqualTo(password);
        store = GraphStore.start(defaults(freePort(), freePort()));
        http = store.config().httpOrigin();
        assertThat(run(AuthTokens.basic("neo4j", again), "MATCH (u:User) RETURN count(u)")).isEqualTo(1);
        assertThatThrownBy(() -> run(AuthTokens.none(), "RETURN 1")).isInstanceOf(SecurityException.class);
    }

    @Test
    void withBoltAndHttpOffNoPortIsOpenAndNoPasswordIsNeeded(@TempDir Path other) throws IOException {
        int boltPort = freePort();
        int httpPort = freePort();
        try (GraphStore closed = GraphStore.start(GraphStoreConfig.fromMap(Map.of(
                "mmkg.store.home", other.resolve("graph").toString(), "mmkg.store.pagecache", "32m",
                "mmkg.store.bolt.enabled", "false", "mmkg.store.bolt.listen", "127.0.0.1:" + boltPort,
                "mmkg.store.http.enabled", "false", "mmkg.store.http.listen", "127.0.0.1:" + httpPort)))) {
            assertThat(closed.boltUri()).isNull();
            assertThat(closed.browserUrl()).isNull();
            for (int port : new int[] {boltPort, httpPort}) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    }
                }).as("port " + port).isInstanceOf(ConnectException.class);
            }
            Object one = closed.db().executeTransactionally("RETURN 1 AS one", Map.of(), r -> r.next().get("one"));
            assertThat(one).isEqualTo(1L);
        }
    }

    @Test
    void aListeningStoreNeedsAPasswordUnlessAuthIsTurnedOff() {
        assertThatThrownBy(() -> GraphStoreConfig.fromMap(Map.of("mmkg.store.home", "x")))
                .hasMessageContaining("`mmkg.store.auth.password` must be set");
        assertThat(GraphStoreConfig.fromMap(Map.of("mmkg.store.home", "x", "mmkg.store.auth.enabled", "false"))
                .authEnabled()).isFalse();
    }
}
