package org.mmkgrec.loader.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;

class RdfKgReaderTest {
    @TempDir
    Path dir;

    @Test
    void turtleWithPrefixesNamesAndItemLinks() throws IOException {
        Path ttl = dir.resolve("kg.ttl");
        Files.writeString(ttl, """
                @prefix music: <http://example.org/music/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <http://example.org/a/radiohead> music:genre <http://example.org/g/rock> ;
                    <http://other.org/vocab#origin> <http://example.org/c/uk> ;
                    rdfs:label "Radiohead" ;
                    <urn:mmkg:item> "42" ;
                    music:formed 1985 .
                """);
        DatasetBuffer d = new DatasetBuffer();
        RdfKgReader.Result r = new RdfKgReader(new RdfKgReader.Config(ttl, null, null, RdfKgReader.ITEM_PREDICATE,
                Set.of("42")), InputErrors.stopping()).read(d);
        // a declared prefix shortens to prefix:local, an undeclared namespace to its local name
        assertThat(d.triples).extracting(t -> t.relation() + " " + t.tail())
                .containsExactly("music:genre http://example.org/g/rock", "origin http://example.org/c/uk");
        assertThat(d.entities).extracting(e -> e.name()).containsExactly("Radiohead");
        assertThat(d.links).extracting(l -> l.itemId() + "->" + l.entityId())
                .containsExactly("42->http://example.org/a/radiohead");
        assertThat(r.literalsSkipped()).isEqualTo(1);
    }

    @Test
    void badNTriplesLineStopsWithFileAndLine() throws IOException {
        Path nt = dir.resolve("kg.nt");
        Files.writeString(nt, """
                <http://x/a> <http://x/p> <http://x/b> .
                <http://x/b> <http://x/p> <http://x/c> .
                <http://x/c> <http://x/p> broken .
                <http://x/d> <http://x/p> <http://x/e> .
                <http://x/e> <http://x/p .
                <http://x/f> <http://x/p> <http://x/g> .
                """);
        assertThatThrownBy(() -> new RdfKgReader(new RdfKgReader.Config(nt, null, null, null, null),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("kg.nt:3:");

        InputErrors skip = new InputErrors(ErrorPolicy.SKIP);
        DatasetBuffer d = new DatasetBuffer();
        RdfKgReader.Result r = new RdfKgReader(new RdfKgReader.Config(nt, null, null, null, null), skip).read(d);
        // lines 3 and 5 are skipped, the 4 good triples are all read once
        assertThat(r.badLines()).isEqualTo(2);
        assertThat(skip.firstMessages()).anyMatch(m -> m.contains("kg.nt:3:")).anyMatch(m -> m.contains("kg.nt:5:"));
        assertThat(d.triples).extracting(t -> t.head()).containsExactly("http://x/a", "http://x/b", "http://x/d", "http://x/f");
    }

    @Test
    void linkFileToUnknownItemIsAnError() throws IOException {
        Path nt = dir.resolve("kg.nt");
        Files.writeString(nt, "<http://x/a> <http://x/p> <http://x/b> .\n");
        Path links = dir.resolve("links.tsv");
        Files.writeString(links, "1\thttp://x/a\n2\thttp://x/b\n");
        assertThatThrownBy(() -> new RdfKgReader(new RdfKgReader.Config(nt, null, links, null, Set.of("1")),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("links.tsv:2: field `item`: unknown item `2`");
    }

    @Test
    void unknownExtensionIsRefused() {
        assertThatThrownBy(() -> new RdfKgReader.Config(dir.resolve("kg.xyz"), null, null, null, null))
                .hasMessageContaining("kg.xyz");
    }
}
