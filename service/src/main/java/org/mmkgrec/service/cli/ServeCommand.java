package org.mmkgrec.service.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mmkg serve}: starts the Quarkus service (fast-jar) on a store in a child JVM, whose
 * output and exit code become ours. The store directory is opened by the service alone: one
 * process at a time may hold an embedded Neo4j store.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve recommendations over REST from a loaded store (Ctrl-C stops).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "PORT",
            description = "REST port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "REST listen address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--no-browser", description = "no Bolt / Neo4j Browser (default: Bolt on 127.0.0.1:7687, Browser on :7474)")
    boolean noBrowser;

    @Option(names = "--heap", defaultValue = "4g", paramLabel = "SIZE", description = "service JVM heap (default: ${DEFAULT-VALUE})")
    String heap;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("`--port` must be in 1..65535, was " + port);
        }
        if (!Files.isDirectory(data.dataDir.resolve("graph"))) {
            throw new IllegalArgumentException("no store under " + data.dataDir + ": run ./mmkg load --data " + data.dataDir + " first");
        }
        return serve(data.dataDir, data.pageCache, port, host, !noBrowser, heap);
    }

    /**
     * The store's write API key: {@code <data>/api-key}, created once with 256 random bits,
     * readable by its owner only. The key travels to the service in its environment, never on a
     * command line (where {@code ps} would show it) and never in a log.
     */
    static Path apiKeyFile(Path dataDir) throws java.io.IOException {
        Path file = dataDir.resolve("api-key");
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.writeString(file, java.util.HexFormat.of().formatHex(bytes) + "\n");
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the data directory's ACL
            }
        }
        return file;
    }

    static int serve(Path dataDir, String pageCache, int port, String host, boolean browser, String heap) throws Exception {
        Path jar = Path.of(System.getenv().getOrDefault("MMKG_HOME", ".")).resolve("service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the service is not built (" + jar + "): run ./mvnw install -DskipTests");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Doffline=true", "-Dai.djl.offline=true",
                "-Dmmkg.store.data-dir=" + dataDir.toAbsolutePath(),
                "-Dmmkg.store.pagecache=" + pageCache,
                "-Dmmkg.store.bolt.enabled=" + browser,
                "-Dmmkg.store.http.enabled=" + browser,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=" + host,
                "-jar", jar.toString()));
        System.out.printf("Serving %s: http://%s:%d/api/v1/users/{id}/recommendations  (Swagger UI: /q/swagger-ui)%n",
                dataDir, host, port);
        if (browser) {
            System.out.println("Neo4j Browser: http://localhost:7474/browser/?dbms=bolt://127.0.0.1:7687&preselectAuthMethod=NO_AUTH");
        }
        ProcessBuilder builder = new ProcessBuilder(cmd).inheritIO();
        if (System.getenv("MMKG_API_KEY") == null) {
            Path keyFile = apiKeyFile(dataDir);
            builder.environment().put("MMKG_API_KEY", Files.readString(keyFile).strip());
            System.out.printf("Write API key (X-API-Key header) in %s; set MMKG_API_KEY to choose your own%n", keyFile);
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
}
