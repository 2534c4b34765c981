package org.mmkgrec.loader.triples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.InputErrors;

class TsvTripleReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTriplesSkippingHeaderAndComments() throws IOException {
        Path f = dir.resolve("kg.tsv");
        Files.writeString(f, "head_id:token\trelation_id:token\ttail_id:token\n# a comment\na\tgenre\trock\nb\tgenre\trock\n");
        DatasetBuffer d = new DatasetBuffer();
        assertThat(new TsvTripleReader(f, InputErrors.stopping()).read(d)).isEqualTo(2);
        assertThat(d.triples).extracting(t -> t.head() + "-" + t.relation() + "-" + t.tail())
                .containsExactly("a-genre-rock", "b-genre-rock");
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path f = dir.resolve("kg.tsv");
        Files.writeString(f, "a\tgenre\trock\nb\tgenre\n");
        assertThatThrownBy(() -> new TsvTripleReader(f, InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("kg.tsv:2: expected head<TAB>relation<TAB>tail, got 2 fields");
        Files.writeString(f, "a\t\trock\n");
        assertThatThrownBy(() -> new TsvTripleReader(f, InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("kg.tsv:1: field `relation`: empty");
    }
}
