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
                "then serve it: REST on :8080, Neo4j Browser on :7474. A second run skips the load."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "PORT", description = "REST port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        LoadConfig config = LoadConfig.defaults(DataOptions.sharedDataRoot().resolve("lastfm-kg"), data.dataDir);
        System.out.print(LoadJob.runEmbedded(config, data.pageCache).describe());
        return ServeCommand.serve(data.dataDir, data.pageCache, port, "127.0.0.1", true, "4g");
    }
}
