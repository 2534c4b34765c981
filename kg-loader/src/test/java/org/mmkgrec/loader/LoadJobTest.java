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
}
