package org.mmkgrec.service.cli;

import java.util.concurrent.Callable;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./mmkg demo}: load Last.FM + Satori from ../shared/data (once), then serve it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Load Last.FM with the Satori KG from $MMKG_DATA_ROOT (../shared/data) into data/lastfm,",
                "then serve it: REST on :8080, Neo4j Browser on :7474 (log in with the password it prints).",
                "A second run skips the load."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "PORT", description = "REST port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--no-browser", description = "Bolt and Neo4j Browser (HTTP) off (default: on, with a generated password)")
    boolean noBrowser;

    @Override
    public Integer call() throws Exception {
        ServiceLaunch launch = launch(); // checks the arguments before the load
        LoadConfig config = LoadConfig.defaults(DataOptions.sharedDataRoot().resolve("lastfm-kg"), data.dataDir);
        System.out.print(LoadJob.runEmbedded(config, data.pageCache).describe());
        return launch.run();
    }

    ServiceLaunch launch() {
        return new ServiceLaunch(data.dataDir, data.pageCache, port, "127.0.0.1", !noBrowser, "4g");
    }
}
