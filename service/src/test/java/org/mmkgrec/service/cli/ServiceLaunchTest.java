package org.mmkgrec.service.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code serve} and {@code demo} hand the service, from their command-line flags. */
class ServiceLaunchTest {

    static ServiceLaunch launch(String... args) {
        CommandLine.ParseResult parsed = MmkgCli.commandLine().parseArgs(args);
        Object command = parsed.subcommand().commandSpec().userObject();
        return command instanceof ServeCommand serve ? serve.launch() : ((DemoCommand) command).launch();
    }

    @Test
    void noBrowserTurnsBoltAndHttpOff() {
        for (String command : List.of("serve", "demo")) {
            assertThat(launch(command).properties()).as(command)
                    .containsEntry("mmkg.store.bolt.enabled", "true").containsEntry("mmkg.store.http.enabled", "true");
            assertThat(launch(command, "--no-browser").properties()).as(command + " --no-browser")
                    .containsEntry("mmkg.store.bolt.enabled", "false").containsEntry("mmkg.store.http.enabled", "false");
        }
        assertThat(launch("serve", "--no-browser", "-p", "9090").command(Path.of("quarkus-run.jar")))
                .contains("-Dmmkg.store.bolt.enabled=false", "-Dmmkg.store.http.enabled=false", "-Dquarkus.http.port=9090")
                .endsWith("-jar", "quarkus-run.jar");
    }

    @Test
    void noSecretOnTheCommandLine() {
        // the key and the password travel in the environment or the data directory's files
        assertThat(launch("serve").command(Path.of("quarkus-run.jar")))
                .noneMatch(arg -> arg.contains("password") || arg.contains("api.key") || arg.contains("auth"));
    }

    @Test
    void badPortIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> launch("serve", "-p", "0")).hasMessageContaining("`--port`");
    }
}
