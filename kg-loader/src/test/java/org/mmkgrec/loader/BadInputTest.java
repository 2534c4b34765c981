package org.mmkgrec.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/**
 * Malformed input of every reader, each a small file written here: every case must stop the load
 * before anything is written, with an {@link InputException} naming the file, the line (where the
 * input has lines) and the field; under {@code --on-error skip} the bad records are counted and
 * the rest is loaded. All cases share one store that must stay empty.
 */
class BadInputTest {

    @TempDir
    static Path storeDir;

    static GraphStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStore() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(storeDir.resolve("graph"), "32m"));
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @BeforeEach
    void storeIsEmpty() {
        assertThat(counts()).containsExactly(0L, 0L);
    }

    static long[] counts() {
        long nodes = store.db().executeTransactionally("MATCH (n) RETURN count(n) AS c", Map.of(),
                r -> ((Number) r.next().get("c")).longValue());
        long rels = store.db().executeTransactionally("MATCH ()-[r]->() RETURN count(r) AS c", Map.of(),
                r -> ((Number) r.next().get("c")).longValue());
        return new long[] {nodes, rels};
    }

    // ---- the valid fixtures that each case breaks in one place

    /** KGCN format: 3 items, 2 users, a 3-triple KG, item text, HetRec tags. */
    static Map<String, byte[]> lastFm() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("item_index2entity_id.txt", utf8("10\t0\n20\t1\n30\t2\n"));
        f.put("item_text.tsv", utf8("item_index\tartist_id\tname\ttop_tags\tpicture_url\n"
                + "0\t10\tAlpha\trock:3\t\n1\t20\tBeta\t\t\n2\t30\tGamma\tjazz:2\t\n"));
        f.put("ratings_final.txt", utf8("0\t0\t1\n0\t2\t0\n1\t1\t1\n1\t2\t1\n"));
        f.put("kg.txt", utf8("0\tmusic.artist.genre\t3\n1\tmusic.artist.genre\t3\n2\tmusic.artist.origin\t4\n"));
        f.put("user_artists.dat", utf8("userID\tartistID\tweight\n7\t10\t100\n5\t20\t50\n5\t30\t20\n"));
        f.put("hetrec/tags.dat", "tagID\ttagValue\n1\trock\n".getBytes(StandardCharsets.ISO_8859_1));
        f.put("hetrec/user_taggedartists.dat", utf8("userID\tartistID\ttagID\tday\tmonth\tyear\n7\t10\t1\t1\t1\t2009\n"));
        return f;
    }

    /** RecBole atomic files of data set `toy`: 4 items, 2 users, 2 KG triples, 2 links. */
    static Map<String, byte[]> recBole() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("toy.inter", utf8("user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t1\t5\t100\na\t2\t3\t101\nb\t3\t4\t102\nb\t4\t1\t103\n"));
        f.put("toy.item", utf8("item_id:token\tmovie_title:token_seq\trelease_year:token\n"
                + "1\tOne\t1991\n2\tTwo\t1992\n3\tThree\t1993\n4\tFour\t1994\n"));
        f.put("toy.user", utf8("user_id:token\tage:token\na\t24\nb\t53\n"));
        f.put("toy.kg", utf8("head_id:token\trelation_id:token\ttail_id:token\nm.1\tgenre\tm.drama\nm.2\tgenre\tm.drama\n"));
        f.put("toy.link", utf8("item_id:token\tentity_id:token\n1\tm.1\n2\tm.2\n"));
        return f;
    }

    /**
     * One malformed input.
     *
     * @param files the data set's files, relative to the source directory (null content: deleted)
     * @param extras files beside the data set for --kg, --kg-links and --vectors, by name
     * @param kg, kgLinks, vectors the options naming extras (vectors: {@code modality=file[,ids]})
     * @param file the file the error must name; line (0: none) and field (null: none) likewise
     */
    record Case(String name, Map<String, byte[]> files, Map<String, byte[]> extras, String split, String kg,
                String kgLinks, String vectors, String file, long line, String field, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class CaseBuilder {
        final String name;
        final Map<String, byte[]> files;
        final Map<String, byte[]> extras = new LinkedHashMap<>();
        String split = "none";
        String kg;
        String kgLinks;
        String vectors;

        CaseBuilder(String name, Map<String, byte[]> base) {
            this.name = name;
            this.files = base;
        }

        CaseBuilder file(String path, String content) {
            files.put(path, content == null ? null : utf8(content));
            return this;
        }

        CaseBuilder bytes(String path, byte[] content) {
            files.put(path, content);
            return this;
        }

        CaseBuilder extra(String path, byte[] content) {
            extras.put(path, content);
            return this;
        }

        CaseBuilder split(String s) {
            split = s;
            return this;
        }

        CaseBuilder kg(String file, String content) {
            kg = file;
            return extra(file, utf8(content));
        }

        CaseBuilder kgFile(String file) {
            kg = file;
            return this;
        }

        CaseBuilder kgLinks(String file, String content) {
            kgLinks = file;
            return extra(file, utf8(content));
        }

        CaseBuilder vectors(String spec) {
            vectors = spec;
            return this;
        }

        Case fails(String file, long line, String field, String problem) {
            return new Case(name, files, extras, split, kg, kgLinks, vectors, file, line, field, problem);
        }
    }

    static CaseBuilder lastFm(String name) {
        return new CaseBuilder(name, lastFm());
    }

    static CaseBuilder recBole(String name) {
        return new CaseBuilder(name, recBole());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code prefix}, then a byte that is never UTF-8 (0xFF), then {@code suffix}. */
    static byte[] notUtf8(String prefix, String suffix) {
        byte[] a = utf8(prefix);
        byte[] b = utf8(suffix);
        byte[] out = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        out[a.length] = (byte) 0xFF;
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }

    /**
     * A .npy file: {@code major} format version, the header as given (padded as numpy pads it),
     * {@code headerLength} as written into the file (null: the true length), then {@code data}.
     */
    static byte[] npy(int major, String header, Integer headerLength, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + header.length() + 1;
        String padded = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(prefix + padded.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        int len = headerLength == null ? padded.length() : headerLength;
        if (major == 1) {
            b.putShort((short) len);
        } else {
            b.putInt(len);
        }
        b.put(padded.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static String f4(long rows, long cols) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- KGCN format (Last.FM)
        c.add(lastFm("rating label not 0 or 1").file("ratings_final.txt", "0\t0\t1\n0\t2\t2\n1\t1\t1\n")
                .fails("ratings_final.txt", 2, "label", "must be 0 or 1"));
        c.add(lastFm("rating user not an integer").file("ratings_final.txt", "0\t0\t1\nx\t2\t1\n")
                .fails("ratings_final.txt", 2, "user", "not an integer"));
        c.add(lastFm("rating user index near Integer.MAX_VALUE").file("ratings_final.txt", "0\t0\t1\n2147483646\t1\t1\n1\t2\t1\n")
                .fails("ratings_final.txt", 2, "user", "out of range"));
        c.add(lastFm("rating item unknown").file("ratings_final.txt", "0\t0\t1\n0\t99\t1\n")
                .fails("ratings_final.txt", 2, "item", "unknown item 99"));
        c.add(lastFm("rating with two fields").file("ratings_final.txt", "0\t0\t1\n0\t1\n")
                .fails("ratings_final.txt", 2, null, "got 2 fields"));
        c.add(lastFm("ratings not UTF-8").bytes("ratings_final.txt", notUtf8("0\t0\t1\n0\t1\t1\n", "\t2\t1\n"))
                .fails("ratings_final.txt", 3, null, "not UTF-8"));
        c.add(lastFm("duplicate artist id").file("item_index2entity_id.txt", "10\t0\n20\t1\n10\t2\n")
                .fails("item_index2entity_id.txt", 3, "artistId", "duplicate id `10`"));
        c.add(lastFm("item index out of order").file("item_index2entity_id.txt", "10\t0\n20\t2\n30\t1\n")
                .fails("item_index2entity_id.txt", 2, "itemIndex", "0,1,2"));
        c.add(lastFm("item index beyond int").file("item_index2entity_id.txt", "10\t0\n20\t2147483648\n")
                .fails("item_index2entity_id.txt", 2, "itemIndex", "not an integer"));
        c.add(lastFm("kg head not an integer").file("kg.txt", "0\tmusic.artist.genre\t3\nzero\tmusic.artist.genre\t3\n")
                .fails("kg.txt", 2, "head", "not an integer"));
        c.add(lastFm("kg_final relation not an integer").file("kg.txt", null)
                .file("kg_final.txt", "0\t0\t3\n1\tgenre\t3\n").fails("kg_final.txt", 2, "relation", "not an integer"));
        c.add(lastFm("kg with a missing tail").file("kg.txt", "0\tmusic.artist.genre\t3\n1\tmusic.artist.genre\t\n")
                .fails("kg.txt", 2, null, "head<TAB>relation<TAB>tail"));
        c.add(lastFm("item text of an unknown item").file("item_text.tsv", "item_index\tartist_id\tname\n0\t10\tA\n7\t70\tX\n")
                .fails("item_text.tsv", 3, "item_index", "unknown item 7"));
        c.add(lastFm("item text twice for an item").file("item_text.tsv", "item_index\tartist_id\tname\n0\t10\tA\n0\t10\tB\n")
                .fails("item_text.tsv", 3, "item_index", "already has text content"));
        c.add(lastFm("HetRec tagging row too short").file("hetrec/user_taggedartists.dat",
                "userID\tartistID\ttagID\n7\t10\t1\n7\t10\n").fails("user_taggedartists.dat", 3, null, "expected userID"));
        c.add(lastFm("stored split with a bad label").split("kgcn")
                .file("splits/kgcn_seed555_train.txt", "0\t0\t1\n1\t1\tyes\n").file("splits/kgcn_seed555_eval.txt", "0\t2\t0\n")
                .file("splits/kgcn_seed555_test.txt", "1\t2\t1\n").fails("kgcn_seed555_train.txt", 2, "label", "not an integer"));
        c.add(lastFm("extra links: an item linked to a second entity").kg("extra.tsv", "e1\tr\te2\n")
                .kgLinks("extra-links.tsv", "1\te1\n2\te2\n0\te9\n")
                .fails("extra-links.tsv", 1, "item", "item `1` is linked to two entities"));
        // ---- RecBole atomic files
        c.add(recBole("rating NaN").file("toy.inter", "user_id:token\titem_id:token\trating:float\na\t1\t5\na\t2\tNaN\n")
                .fails("toy.inter", 3, "rating", "not a finite number"));
        c.add(recBole("rating infinite").file("toy.inter", "user_id:token\titem_id:token\trating:float\na\t1\tInfinity\n")
                .fails("toy.inter", 2, "rating", "not a finite number"));
        c.add(recBole("rating not a number").file("toy.inter", "user_id:token\titem_id:token\trating:float\na\t1\tfive\n")
                .fails("toy.inter", 2, "rating", "not a number"));
        c.add(recBole("timestamp infinite").file("toy.inter",
                "user_id:token\titem_id:token\ttimestamp:float\na\t1\t5\nb\t2\t-Infinity\n")
                .fails("toy.inter", 3, "timestamp", "not a finite number"));
        c.add(recBole("timestamp beyond a long").file("toy.inter", "user_id:token\titem_id:token\ttimestamp:float\na\t1\t1e30\n")
                .fails("toy.inter", 2, "timestamp", "out of range"));
        c.add(recBole("timestamp negative").file("toy.inter", "user_id:token\titem_id:token\ttimestamp:float\na\t1\t-5\n")
                .fails("toy.inter", 2, "timestamp", "out of range"));
        c.add(recBole("label NaN").file("toy.inter", "user_id:token\titem_id:token\tlabel:float\na\t1\tNaN\n")
                .fails("toy.inter", 2, "label", "not a finite number"));
        c.add(recBole("interaction with an empty item").file("toy.inter", "user_id:token\titem_id:token\na\t1\na\t \n")
                .fails("toy.inter", 3, "item_id", "empty id"));
        c.add(recBole("interaction with an unknown item").file("toy.inter", "user_id:token\titem_id:token\na\t1\na\t77\n")
                .fails("toy.inter", 3, "item_id", "unknown item `77`"));
        c.add(recBole("interaction row too short").file("toy.inter", "user_id:token\titem_id:token\trating:float\na\t1\n")
                .fails("toy.inter", 2, null, "expected 3 tab-separated fields"));
        c.add(recBole("interactions not UTF-8").bytes("toy.inter",
                notUtf8("user_id:token\titem_id:token\na\t1\nb", "\t2\n")).fails("toy.inter", 3, null, "not UTF-8"));
        c.add(recBole("duplicate item id").file("toy.item", "item_id:token\tmovie_title:token_seq\n1\tOne\n2\tTwo\n3\tThree\n4\tFour\n2\tAgain\n")
                .fails("toy.item", 6, "item_id", "duplicate id `2`"));
        c.add(recBole("item column named id").file("toy.item", "item_id:token\tid:token\n1\tx\n2\ty\n3\tz\n4\tw\n")
                .fails("toy.item", 1, "id", "reserved name"));
        c.add(recBole("item column named popularity").file("toy.item",
                "item_id:token\ttitle:token_seq\tpopularity:float\n1\tA\t1\n2\tB\t2\n3\tC\t3\n4\tD\t4\n")
                .fails("toy.item", 1, "popularity", "reserved name"));
        c.add(recBole("user column named id").file("toy.user", "user_id:token\tid:token\na\t1\nb\t2\n")
                .fails("toy.user", 1, "id", "reserved name"));
        c.add(recBole("item header repeats a field").file("toy.item", "item_id:token\tyear:token\tyear:float\n1\t1\t1\n")
                .fails("toy.item", 1, "year", "repeated"));
        c.add(recBole("kg triple with an empty relation").file("toy.kg",
                "head_id:token\trelation_id:token\ttail_id:token\nm.1\tgenre\tm.drama\nm.2\t\tm.drama\n")
                .fails("toy.kg", 3, "relation_id", "empty"));
        c.add(recBole("entity linked to two items").file("toy.link", "item_id:token\tentity_id:token\n1\tm.1\n2\tm.1\n")
                .fails("toy.link", 3, "entity_id", "entity `m.1` is linked to two items"));
        c.add(recBole("item linked to two entities").file("toy.link", "item_id:token\tentity_id:token\n1\tm.1\n1\tm.2\n")
                .fails("toy.link", 3, "item_id", "item `1` is linked to two entities"));
        c.add(recBole("link of an unknown item").file("toy.link", "item_id:token\tentity_id:token\n1\tm.1\n9\tm.9\n")
                .fails("toy.link", 3, "item_id", "unknown item `9`"));
        // ---- extra KGs: RDF and TSV triples, their link files
        c.add(recBole("N-Triples syntax error").kg("extra.nt",
                "<urn:e:1> <urn:r:genre> <urn:e:2> .\n<urn:e:2> genre <urn:e:3> .\n<urn:e:3> <urn:r:genre> <urn:e:4> .\n")
                .fails("extra.nt", 2, null, ""));
        c.add(recBole("N-Triples not UTF-8").extra("extra.nt", notUtf8("<urn:e:1> <urn:r:genre> <urn:e:2> .\n"
                + "<urn:e:2> <http://www.w3.org/2000/01/rdf-schema#label> \"b", "d\" .\n")).kgFile("extra.nt")
                .fails("extra.nt", 2, null, "UTF-8"));
        c.add(recBole("Turtle syntax error").kg("extra.ttl",
                "@prefix e: <urn:e:> .\ne:1 e:genre e:2 .\ne:2 e:genre e:3 ;\n  e:genre .\n").fails("extra.ttl", 4, null, ""));
        c.add(recBole("RDF item link to an already linked item").kg("extra.nt",
                "<urn:e:1> <urn:r:genre> <urn:e:2> .\n<urn:e:9> <urn:mmkg:item> \"1\" .\n")
                .fails("extra.nt", 0, "itemPredicate", "item `1` is linked to two entities"));
        c.add(recBole("RDF link file: an entity linked to two items").kg("extra.nt", "<urn:e:1> <urn:r:genre> <urn:e:2> .\n")
                .kgLinks("links.tsv", "3\turn:e:1\n4\turn:e:1\n").fails("links.tsv", 2, "entity", "linked to two items"));
        c.add(recBole("TSV triples with an empty relation").kg("extra.tsv", "e1\tgenre\te2\ne2\t \te3\n")
                .fails("extra.tsv", 2, "relation", "empty"));
        c.add(recBole("TSV triples not UTF-8").extra("extra.tsv", notUtf8("e1\tgenre\te2\ne", "2\tgenre\te3\n"))
                .kgFile("extra.tsv").fails("extra.tsv", 2, null, "not UTF-8"));
        // ---- vectors
        c.add(recBole(".npy header length negative").extra("img.npy", npy(2, f4(4, 2), -8, floats(new float[8])))
                .vectors("image=img.npy").fails("img.npy", 0, "header", "negative"));
        c.add(recBole(".npy shape whose size overflows").extra("img.npy", npy(1, f4(4611686018427387904L, 3), null, floats(1, 2)))
                .vectors("image=img.npy").fails("img.npy", 0, "shape", "too large"));
        c.add(recBole(".npy shape of a int-overflowing row").extra("img.npy", npy(1, f4(2, 1_000_000_000L), null, floats(1, 2)))
                .vectors("image=img.npy").fails("img.npy", 0, "shape", "out of range"));
        c.add(recBole(".npy shape larger than the data").extra("img.npy", npy(1, f4(4, 2), null, floats(1, 2, 3, 4, 5, 6, 7)))
                .vectors("image=img.npy").fails("img.npy", 0, "shape", "needs 32 data bytes, the file has 28"));
        c.add(recBole(".npy with NaN in row 3").extra("img.npy", npy(1, f4(4, 2), null, floats(1, 2, 3, 4, Float.NaN, 6, 7, 8)))
                .extra("ids.txt", utf8("1\n2\n3\n4\n")).vectors("image=img.npy,ids.txt").fails("img.npy", 3, "vector", "NaN"));
        c.add(recBole(".npy ids naming an item twice").extra("img.npy", npy(1, f4(2, 2), null, floats(1, 2, 3, 4)))
                .extra("ids.txt", utf8("1\n1\n")).vectors("image=img.npy,ids.txt")
                .fails("img.npy", 2, "item", "already has image content"));
        c.add(recBole(".npy of ints").extra("img.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }",
                null, floats(1, 2))).vectors("image=img.npy").fails("img.npy", 0, "descr", "float32 or float64"));
        c.add(recBole(".npy not a .npy").extra("img.npy", utf8("1,2,3\n")).vectors("image=img.npy")
                .fails("img.npy", 0, null, "bad magic"));
        c.add(recBole("text vectors of the wrong dimension").extra("audio.tsv", utf8("1\t0.5\t0.25\n2\t0.1\n"))
                .vectors("audio=audio.tsv").fails("audio.tsv", 2, "vector", "dimension 1, expected 2"));
        c.add(recBole("text vectors with an infinite value").extra("audio.tsv", utf8("1\t0.5\t0.25\n2\t0.1\tInfinity\n"))
                .vectors("audio=audio.tsv").fails("audio.tsv", 2, "vector", "NaN or infinite"));
        c.add(recBole("text vectors for items that already have text").extra("text.tsv", utf8("1\t0.5\t0.25\n"))
                .vectors("text=text.tsv").fails("text.tsv", 1, "item", "already has text content"));
        return c.stream();
    }

    LoadConfig config(Case k, ErrorPolicy policy) throws IOException {
        Path caseDir = Files.createTempDirectory(dir, "case");
        Path source = Files.createDirectories(caseDir.resolve("source"));
        Path extra = Files.createDirectories(caseDir.resolve("extra"));
        for (Map.Entry<String, byte[]> e : k.files().entrySet()) {
            if (e.getValue() != null) {
                Files.createDirectories(source.resolve(e.getKey()).getParent());
                Files.write(source.resolve(e.getKey()), e.getValue());
            }
        }
        for (Map.Entry<String, byte[]> e : k.extras().entrySet()) {
            if (e.getValue() != null) {
                Files.write(extra.resolve(e.getKey()), e.getValue());
            }
        }
        List<LoadConfig.VectorSource> vectors = new ArrayList<>();
        if (k.vectors() != null) {
            String[] spec = k.vectors().split("=", 2);
            String[] files = spec[1].split(",", 2);
            vectors.add(new LoadConfig.VectorSource(spec[0], extra.resolve(files[0]),
                    files.length > 1 ? extra.resolve(files[1]) : null));
        }
        return new LoadConfig(source, LoadConfig.Format.AUTO, storeDir, "bad", k.split(), policy, 0, 4.0, false,
                k.kg() == null ? null : extra.resolve(k.kg()), k.kgLinks() == null ? null : extra.resolve(k.kgLinks()),
                vectors, false, 2, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsNamingFileLineAndFieldAndWritesNothing(Case k) throws IOException {
        LoadConfig config = config(k, ErrorPolicy.STOP);
        assertThatThrownBy(() -> new LoadJob(config).run(store.db()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.file().getFileName().toString()).isEqualTo(k.file());
                    assertThat(e.line()).as("line").isEqualTo(k.line());
                    assertThat(e.field()).as("field").isEqualTo(k.field());
                    String where = k.file() + (k.line() > 0 ? ":" + k.line() : "") + ": "
                            + (k.field() != null ? "field `" + k.field() + "`: " : "");
                    assertThat(e.getMessage()).contains(where).contains(k.problem());
                });
        assertThat(counts()).as("nodes and relationships after the failed load").containsExactly(0L, 0L);
        assertThat(storeDir.resolve(HeldOutFile.RELATIVE_PATH)).doesNotExist();
    }

    @Test
    void skipCountsAndSkipsBadRecordsAndLoadsTheRest() throws IOException {
        Map<String, byte[]> files = recBole();
        files.put("toy.inter", utf8("user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t1\t5\t100\na\t2\tNaN\t101\nb\t3\t4\tInfinity\nb\t4\t1\t103\n"));
        files.put("toy.link", utf8("item_id:token\tentity_id:token\n1\tm.1\n2\tm.1\n"));
        Case k = new Case("skip", files, Map.of(), "none", null, null, null, null, 0, null, null);
        LoadConfig config = config(k, ErrorPolicy.SKIP);
        try {
            LoadSummary summary = new LoadJob(new LoadConfig(config.source(), config.format(), dir.resolve("own"), "skip",
                    "none", ErrorPolicy.SKIP, 0, 4.0, false, null, null, List.of(), false, 2, true)).run(store.db());
            // a NaN rating and an infinite timestamp in toy.inter, entity m.1 linked twice in toy.link
            assertThat(summary.skipped()).isEqualTo(3);
            assertThat(summary.skippedByFile()).hasSize(2).allSatisfy((file, n) ->
                    assertThat(n).isEqualTo(file.endsWith("toy.inter") ? 2L : 1L));
            assertThat(summary.skippedMessages()).anySatisfy(m -> assertThat(m).contains("toy.inter:3: field `rating`"));
            assertThat(summary.describe()).contains("skipped:  3 bad records").contains("toy.link");
            assertThat(summary.graph()).containsEntry("INTERACTED", 2L);
        } finally {
            store.db().executeTransactionally("MATCH (n) DETACH DELETE n"); // the other cases expect an empty store
        }
    }

    @Test
    void thereAreAtLeastThirtyCasesOverEveryReader() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all).extracting(Case::file).contains("ratings_final.txt", "item_index2entity_id.txt", "kg.txt",
                "kg_final.txt", "item_text.tsv", "user_taggedartists.dat", "toy.inter", "toy.item", "toy.user", "toy.kg",
                "toy.link", "extra.nt", "extra.ttl", "extra.tsv", "img.npy", "audio.tsv");
    }
}
