package org.mmkgrec.service.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./mmkg serve}: starts the Quarkus service on a loaded store ({@link ServiceLaunch}). */
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

    @Option(names = "--no-browser", description = {"Bolt and Neo4j Browser (HTTP) off (default: on, with a generated",
            "password, Bolt on 127.0.0.1:7687, Browser on :7474)"})
    boolean noBrowser;

    @Option(names = "--heap", defaultValue = "4g", paramLabel = "SIZE", description = "service JVM heap (default: ${DEFAULT-VALUE})")
    String heap;

    @Override
    public Integer call() throws Exception {
        ServiceLaunch launch = launch();
        if (!Files.isDirectory(data.dataDir.resolve("graph"))) {
            throw new IllegalArgumentException("no store under " + data.dataDir + ": run ./mmkg load --data " + data.dataDir + " first");
        }
        return launch.run();
    }

    ServiceLaunch launch() {
        return new ServiceLaunch(data.dataDir, data.pageCache, port, host, !noBrowser, heap);
    }
}
