package org.mmkgrec.loader.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    // ---- blank nodes: the same ids on every parse of the same bytes (a resumed load finds what it wrote)

    private static final String BLANKS_TTL = """
            @prefix ex: <http://ex.org/> .
            _:album ex:by <http://ex.org/artist/1> ;
                ex:genre [ ex:broader <http://ex.org/g/rock> ] .
            <http://ex.org/artist/2> ex:likes _:album , [] .
            _:0 ex:near <http://ex.org/artist/1> .
            """;

    private List<String> triples(Path file, InputErrors errors) {
        DatasetBuffer d = new DatasetBuffer();
        new RdfKgReader(new RdfKgReader.Config(file, null, null, null, null), errors).read(d);
        return d.triples.stream().map(t -> t.head() + " " + t.relation() + " " + t.tail()).toList();
    }

    @Test
    void blankNodesGetTheSameIdsOnEveryParseAndStayApartFromIris() throws IOException {
        Path ttl = dir.resolve("kg.ttl");
        Files.writeString(ttl, BLANKS_TTL);
        List<String> first = triples(ttl, InputErrors.stopping());
        // Jena's default labelling draws fresh labels per parse: these two lists differed before
        assertThat(triples(ttl, InputErrors.stopping())).isEqualTo(first);
        String scope = first.get(0).substring(2, 2 + BlankNodeIds.SCOPE_HEX_DIGITS);
        assertThat(scope).matches("[0-9a-f]{12}");
        assertThat(first).containsExactly(
                "_:" + scope + ":album ex:by http://ex.org/artist/1",
                "_:" + scope + "#0 ex:broader http://ex.org/g/rock",
                "_:" + scope + ":album ex:genre _:" + scope + "#0",
                "http://ex.org/artist/2 ex:likes _:" + scope + ":album",
                "http://ex.org/artist/2 ex:likes _:" + scope + "#1",
                // a label that looks like a counter is still its own node, not the first unlabelled one
                "_:" + scope + ":0 ex:near http://ex.org/artist/1");
    }

    @Test
    void blankNodeIdsDependOnTheBytesNotTheFileNameAndTwoFilesNeverShareOne() throws IOException {
        Path a = dir.resolve("a.nt");
        Files.writeString(a, "_:b0 <http://ex.org/p> <http://ex.org/x> .\n");
        Path renamed = Files.copy(a, dir.resolve("renamed.nt"));
        Path other = dir.resolve("b.nt");
        Files.writeString(other, "_:b0 <http://ex.org/p> <http://ex.org/y> .\n");
        String head = triples(a, InputErrors.stopping()).get(0).split(" ")[0];
        // a moved or renamed file still resumes, as its input fingerprint (bytes only) says it may
        assertThat(triples(renamed, InputErrors.stopping()).get(0).split(" ")[0]).isEqualTo(head);
        // the same label in another document is another node (RDF scopes labels to their document)
        assertThat(triples(other, InputErrors.stopping()).get(0).split(" ")[0]).isNotEqualTo(head).endsWith(":b0");
    }

    @Test
    void aBlankNodeBeforeAndAfterASkippedBadLineIsOneEntity() throws IOException {
        Path nt = dir.resolve("kg.nt");
        Files.writeString(nt, """
                _:shared <http://x/p> <http://x/a> .
                <http://x/b> <http://x/p> broken .
                <http://x/c> <http://x/p> _:shared .
                """);
        // the parser restarts after the bad line; with per-parse labels `_:shared` became two entities
        List<String> read = triples(nt, new InputErrors(ErrorPolicy.SKIP));
        assertThat(read).hasSize(2);
        assertThat(read.get(1).split(" ")[2]).isEqualTo(read.get(0).split(" ")[0]).endsWith(":shared");
    }
}
