package org.mmkgrec.service.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmkgrec.service.store.StoreConfig;

/**
 * The service as {@code ./mmkg serve --no-browser} starts it: the Bolt and HTTP switches come from
 * the CLI's own {@link ServiceLaunch} (see {@link ServiceLaunchTest}), on ports known to be free, so an open
 * one would be ours.
 */
@QuarkusTest
@TestProfile(NoBrowserTest.NoBrowser.class)
class NoBrowserTest {
    static final int BOLT = freePort();
    static final int HTTP = freePort();

    public static class NoBrowser implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "mmkg.store.bolt.listen", "127.0.0.1:" + BOLT, "mmkg.store.http.listen", "127.0.0.1:" + HTTP));
            ServiceLaunchTest.launch("serve", "--no-browser").properties().forEach((key, value) -> {
                if (key.endsWith(".enabled")) {
                    config.put(key, value);
                }
            });
            return config;
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

    @Test
    void noBoltOrHttpPortIsOpenAndNoPasswordIsGenerated() {
        assertThat(config.bolt().enabled()).isFalse();
        assertThat(config.http().enabled()).isFalse();
        for (int port : new int[] {BOLT, HTTP}) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                }
            }).as("port " + port).isInstanceOf(ConnectException.class);
        }
        assertThat(Files.exists(Path.of(config.dataDir()).resolve("neo4j-password"))).isFalse();
        // the REST API answers as before
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
