package org.mmkgrec.service.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.service.api.HttpErrorRoutes;
import org.mmkgrec.service.store.GraphStoreLifecycle;
import org.mmkgrec.store.GraphStoreConfig;
import org.mmkgrec.store.SecretFile;

/**
 * How {@code serve} and {@code demo} start the Quarkus service (fast-jar) on a store in a child JVM,
 * whose output and exit code become theirs. The store directory is opened by the service alone:
 * one process at a time may hold an embedded Neo4j store.
 *
 * <p>Secrets travel to the service in its environment or in owner-only files of the data directory,
 * never on its command line (where {@code ps} would show them) and never in a log: the write API key
 * ({@code <data>/api-key}, or {@code MMKG_API_KEY}) and the password of Neo4j user {@code neo4j}
 * ({@code <data>/neo4j-password}, or {@code MMKG_STORE_AUTH_PASSWORD}), which is printed here on the
 * console for logging in to Neo4j Browser.
 *
 * @param browser Bolt and Neo4j Browser (HTTP) on; off with {@code --no-browser}
 */
record ServiceLaunch(Path dataDir, String pageCache, int port, String host, boolean browser, String heap) {
    static final String API_KEY_ENV = "MMKG_API_KEY";
    static final String PASSWORD_ENV = "MMKG_STORE_AUTH_PASSWORD";
    static final String AUTH_ENV = "MMKG_STORE_AUTH_ENABLED";

    ServiceLaunch {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("`--port` must be in 1..65535, was " + port);
        }
    }

    /** The service's settings, passed to it as system properties. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mmkg.store.data-dir", dataDir.toAbsolutePath().toString());
        p.put("mmkg.store.pagecache", pageCache);
        p.put("mmkg.store.bolt.enabled", Boolean.toString(browser));
        p.put("mmkg.store.http.enabled", Boolean.toString(browser));
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.http.host", host);
        return p;
    }

    /** The child JVM's command line for the service's fast-jar. */
    List<String> command(Path jar) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Doffline=true", "-Dai.djl.offline=true",
                // malformed URIs answered with our JSON 400, not Quarkus's bodiless one (HttpErrorRoutes)
                "-D" + HttpErrorRoutes.URI_CHECK_OFF + "=true"));
        properties().forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    /** Starts the service and waits for it; Ctrl-C stops it. */
    int run() throws Exception {
        Path jar = Path.of(System.getenv().getOrDefault("MMKG_HOME", ".")).resolve("service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the service is not built (" + jar + "): run ./mvnw install -DskipTests");
        }
        System.out.printf("Serving %s: http://%s:%d/api/v1/users/{id}/recommendations  (Swagger UI: /q/swagger-ui)%n",
                dataDir, host, port);
        ProcessBuilder builder = new ProcessBuilder(command(jar)).inheritIO();
        if (System.getenv(API_KEY_ENV) == null) {
            Path keyFile = dataDir.resolve("api-key");
            builder.environment().put(API_KEY_ENV, SecretFile.readOrCreate(keyFile, 32));
            System.out.printf("Write API key (X-API-Key header) in %s; set %s to choose your own%n", keyFile, API_KEY_ENV);
        }
        if (browser) {
            printBrowserLogin();
        } else {
            System.out.println("Bolt and Neo4j Browser: off (--no-browser)");
        }
        Process p = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (p.isAlive()) {
                p.destroy();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        return p.waitFor();
    }

    /**
     * The Browser address and login on the console, for the listen addresses the service gets (its
     * defaults, or the environment's {@code MMKG_STORE_{BOLT,HTTP}_LISTEN}). The service reads the
     * same password file.
     */
    private void printBrowserLogin() {
        String bolt = System.getenv("MMKG_STORE_BOLT_LISTEN");
        String http = System.getenv("MMKG_STORE_HTTP_LISTEN");
        if ("false".equalsIgnoreCase(System.getenv(AUTH_ENV))) {
            System.out.println("Neo4j Browser: " + new GraphStoreConfig(dataDir.resolve("graph"), pageCache, true, bolt,
                    true, http, false, null).browserUrl() + "  (authentication off: " + AUTH_ENV + "=false)");
            return;
        }
        String chosen = System.getenv(PASSWORD_ENV);
        String password = chosen != null ? chosen : GraphStoreLifecycle.generatedPassword(dataDir);
        GraphStoreConfig store = new GraphStoreConfig(dataDir.resolve("graph"), pageCache, true, bolt, true, http, true, password);
        System.out.println("Neo4j Browser: " + store.browserUrl());
        if (chosen != null) {
            System.out.printf("  log in as %s with the password in %s%n", GraphStoreConfig.USER, PASSWORD_ENV);
        } else {
            System.out.printf("  log in as %s, password %s  (kept in %s; --no-browser turns Bolt and Browser off)%n",
                    GraphStoreConfig.USER, password, GraphStoreLifecycle.passwordFile(dataDir));
        }
    }
}
