package org.mmkgrec.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class LoadJobTest {
    @TempDir
    Path dir;

    LoadConfig config(Path source, String split) {
        return new LoadConfig(source, LoadConfig.Format.RECBOLE, dir.resolve("store"), "toy", split, ErrorPolicy.STOP,
                0, 4.0, false, null, null, List.of(), false, 2, true);
    }

    @Test
    void badInputOrARefusedLoadLeavesTheStoreAsItWas() throws IOException {
        Path source = Files.createDirectories(dir.resolve("toy"));
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        for (int i = 1; i <= 10; i++) {
            inter.append("a\t").append(i).append("\t5\t").append(i).append('\n');
        }
        Files.writeString(source.resolve("toy.inter"), inter);
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("store/graph"), "32m"))) {
            LoadSummary first = new LoadJob(config(source, "none")).run(store.db());
            assertThat(first.graph()).containsEntry("INTERACTED", 10L);
            Path heldOut = HeldOutFile.of(dir.resolve("store"));
            String before = Files.readString(heldOut);

            // another split is other input: refused, and neither the graph nor the files change
            assertThatThrownBy(() -> new LoadJob(config(source, "time811")).run(store.db()))
                    .hasMessageContaining("--replace");
            assertThat(Files.readString(heldOut)).isEqualTo(before);
            assertThat(dir.resolve("store/split")).doesNotExist();

            // a malformed line stops the load before anything is written (file, line and field named)
            Files.writeString(source.resolve("toy.inter"), inter + "a\t11\tfive\t11\n");
            assertThatThrownBy(() -> new LoadJob(config(source, "none")).run(store.db()))
                    .hasMessageContaining("toy.inter:12: field `rating`");
            long interactions = store.db().executeTransactionally("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c",
                    java.util.Map.of(), r -> ((Number) r.next().get("c")).longValue());
            assertThat(interactions).isEqualTo(10L);
        }
    }

    @Test
    void theHeldOutFileIsCompleteWhenTheDatasetIsMarkedCompleteAndAFailureBeforeLeavesItLoading() throws IOException {
        Path source = Files.createDirectories(dir.resolve("toy"));
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        for (int i = 1; i <= 10; i++) {
            inter.append("a\t").append(i).append("\t5\t").append(i).append('\n');
            inter.append("b\t").append(i).append("\t4\t").append(i).append('\n');
        }
        Files.writeString(source.resolve("toy.inter"), inter);
        // the held-out directory cannot be created (a plain file is in its way): the load fails after
        // the graph is written, before the data set is marked complete
        Path blocker = Files.createDirectories(dir.resolve("store")).resolve("heldout");
        Files.writeString(blocker, "in the way");
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("store/graph"), "32m"))) {
            assertThatThrownBy(() -> new LoadJob(config(source, "time811")).run(store.db()))
                    .hasMessageContaining("cannot write the held-out test file");
            assertThat(datasetStatus(store)).isEqualTo("loading");

            Files.delete(blocker);
            LoadSummary done = new LoadJob(config(source, "time811")).run(store.db());
            assertThat(datasetStatus(store)).isEqualTo("complete");
            // time811 per user by time: 10 interactions -> 8 train, 1 eval, 1 test each, so 2 test rows
            assertThat(done.heldOutTest()).isEqualTo(2);
            List<String> lines = Files.readAllLines(HeldOutFile.of(dir.resolve("store")));
            assertThat(lines).hasSize(1 + 2).first().isEqualTo(HeldOutFile.HEADER);
            assertThat(HeldOutFile.read(HeldOutFile.of(dir.resolve("store")))).extracting(x -> x.itemId())
                    .containsExactlyInAnyOrder("10", "10");
            // nothing left over from the atomic writes
            try (var files = Files.list(dir.resolve("store/heldout"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("test.tsv");
            }
            assertThat(HeldOutFile.read(dir.resolve("store/split/test.tsv"))).hasSize(2);
        }
    }

    static String datasetStatus(GraphStore store) {
        return store.db().executeTransactionally("MATCH (d:Dataset) RETURN d.status AS s", java.util.Map.of(),
                r -> (String) r.next().get("s"));
    }
}
