package org.mmkgrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.loader.LoadSummary;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** The split is chosen at load time and its test part never enters the graph. */
class LastFmLeakageTest {
    @TempDir
    Path dataDir;

    @Test
    void kgcnTestPairsStayOutOfTheGraph() throws IOException {
        Path splits = SharedData.lastFm().resolve("splits");
        long train = Files.readAllLines(splits.resolve("kgcn_seed555_train.txt")).size();
        long eval = Files.readAllLines(splits.resolve("kgcn_seed555_eval.txt")).size();
        List<List<String>> test = Files.readAllLines(splits.resolve("kgcn_seed555_test.txt")).stream()
                .map(l -> List.of(l.split("\t"))).toList();
        LoadConfig config = new LoadConfig(SharedData.lastFm(), LoadConfig.Format.LASTFM, dataDir, null, "kgcn",
                null, 0, 4.0, false, null, null, List.of(), false, 20_000, true);
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dataDir.resolve("graph"), "128m"))) {
            LoadSummary summary = new LoadJob(config).run(store.db());
            assertThat(summary.heldOutTest()).isEqualTo(test.size());
            assertThat(GraphCounts.count(store.db(), "MATCH ()-[r:INTERACTED {split: 'train'}]->() RETURN count(r) AS c"))
                    .isEqualTo(train);
            assertThat(GraphCounts.count(store.db(), "MATCH ()-[r:INTERACTED {split: 'eval'}]->() RETURN count(r) AS c"))
                    .isEqualTo(eval);
            // not one of the test pairs is an interaction in the graph
            assertThat(GraphCounts.count(store.db(), """
                    UNWIND $pairs AS p
                    MATCH (:User {id: p[0]})-[r:INTERACTED]->(:Item {id: p[1]})
                    RETURN count(r) AS c""", Map.of("pairs", test))).isZero();
        }
        assertThat(HeldOutFile.read(HeldOutFile.of(dataDir))).hasSize(test.size());
        // the split used is written out for reuse, part by part
        assertThat(HeldOutFile.read(dataDir.resolve("split/train.tsv"))).hasSize((int) train);
        assertThat(HeldOutFile.read(dataDir.resolve("split/eval.tsv"))).hasSize((int) eval);
    }
}
