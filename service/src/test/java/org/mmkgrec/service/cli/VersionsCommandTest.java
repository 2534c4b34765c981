package org.mmkgrec.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.version.ModelVersions;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import picocli.CommandLine;

/** {@code ./mmkg versions [--prune --keep N]} on a store holding three versions. */
class VersionsCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = MmkgCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return MmkgCli.execute(cli, args);
    }

    @Test
    void listsAndPrunesKeepingTheNewestAndTheActive() {
        Path data = dir.resolve("data");
        List<String> ids = new ArrayList<>();
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(data.resolve("graph"), "32m"))) {
            store.db().executeTransactionally("UNWIND ['u1', 'u2'] AS id CREATE (:User {id: id})");
            store.db().executeTransactionally("UNWIND ['i1', 'i2', 'i3'] AS id CREATE (:Item {id: id})");
            for (String model : List.of("m-a", "m-b", "m-c")) {
                float[][] users = {{1, 0}, {0, 1}};
                float[][] items = {{1, 1}, {0.5f, 0}, {0, 2}};
                ids.add(ModelVersions.write(store.db(), new ModelVersions.Trained(model, Map.of(), 1, "none", 0.1, Map.of(),
                        List.of("u1", "u2"), users, List.of("i1", "i2", "i3"), items, Map.of()), 10, null).id());
            }
        }
        String[] store = {"--data", data.toString(), "--pagecache", "32m"};

        assertThat(run(concat(new String[] {"versions", "--keep", "1"}, store))).isEqualTo(1);
        assertThat(err.toString()).contains("--keep is only meaningful with --prune");

        assertThat(run(concat(new String[] {"versions", "--prune", "--keep", "1"}, store))).isEqualTo(0);
        // the newest (m-c) is also the active one: keep 1 leaves only it
        assertThat(out.toString()).contains("pruned 2 version(s): [" + ids.get(0) + ", " + ids.get(1) + "]")
                .contains("* " + ids.get(2)).doesNotContain("  " + ids.get(0));
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
