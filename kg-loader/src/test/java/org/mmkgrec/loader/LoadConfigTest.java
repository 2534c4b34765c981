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

class LoadConfigTest {
    @TempDir
    Path dir;

    Path source(String name, String... files) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String f : files) {
            Files.writeString(d.resolve(f), "");
        }
        return d;
    }

    LoadConfig config(Path source, String split) {
        return new LoadConfig(source, LoadConfig.Format.AUTO, dir.resolve("store"), null, split, ErrorPolicy.STOP,
                0, 0.0, false, null, null, List.of(), false, 10, true);
    }

    @Test
    void detectsKgcnFormatDirectoriesWhateverTheirKg() throws IOException {
        assertThat(LoadConfig.detect(source("final", "ratings_final.txt", "item_index2entity_id.txt", "kg_final.txt")))
                .isEqualTo(LoadConfig.Format.LASTFM);
        assertThat(LoadConfig.detect(source("named", "ratings_final.txt", "item_index2entity_id.txt", "kg.txt")))
                .isEqualTo(LoadConfig.Format.LASTFM);
        // ratings missing: still KGCN-format, so that the reader names the missing file
        assertThat(LoadConfig.detect(source("partial", "item_index2entity_id.txt", "kg_final.txt")))
                .isEqualTo(LoadConfig.Format.LASTFM);
    }

    @Test
    void detectsRecBoleBenchmarkFilesAndAcceptsTheirSplits() throws IOException {
        Path bench = source("bench", "toy.train.inter", "toy.valid.inter", "toy.test.inter");
        assertThat(LoadConfig.detect(bench)).isEqualTo(LoadConfig.Format.RECBOLE);
        assertThat(config(bench, "files").split()).isEqualTo("files");
        assertThat(config(bench, "random811").split()).isEqualTo("random811");
        assertThat(config(bench, "time811").split()).isEqualTo("time811");
    }

    @Test
    void rejectsASplitOfTheOtherFormat() throws IOException {
        Path kgcn = source("kgcn", "ratings_final.txt", "item_index2entity_id.txt", "kg_final.txt");
        assertThat(config(kgcn, "kgcn").split()).isEqualTo("kgcn");
        assertThatThrownBy(() -> config(kgcn, "random811"))
                .hasMessageContaining("`split` must be one of [none, kgcn, mcclk] for lastfm data, was `random811`");
        Path recbole = source("recbole", "toy.inter");
        assertThatThrownBy(() -> config(recbole, "kgcn"))
                .hasMessageContaining("[none, time811, random811, files] for recbole data");
    }
}
