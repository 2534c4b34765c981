package org.mmkgrec.loader.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.LoadConfig.Format;
import org.mmkgrec.loader.derive.SparseVariant.Options;
import org.mmkgrec.loader.derive.SparseVariant.PartSummary;
import org.mmkgrec.loader.derive.SparseVariant.Summary;
import org.mmkgrec.loader.recbole.RecBoleReader;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;

class SparseVariantTest {
    private static final String KGCN_TRAIN = "splits/kgcn_seed555_train.txt";
    private static final String MCCLK_TRAIN = "splits/mcclk_seed2020_train.txt";

    @TempDir
    Path tmp;
    Path lastfm;
    Path recbole;

    @BeforeEach
    void fixtures() throws IOException {
        lastfm = Files.createDirectories(tmp.resolve("lastfm-kg"));
        Files.writeString(lastfm.resolve("ratings_final.txt"), "0\t1\t1\n0\t2\t0\n");
        Files.writeString(lastfm.resolve("kg_final.txt"), "0\t0\t5\n");
        Files.writeString(lastfm.resolve("kg.txt"), "0\tmusic.artist.genre\t5\n");
        Files.writeString(lastfm.resolve("item_index2entity_id.txt"), "51\t0\n");
        Files.writeString(lastfm.resolve("item_text.tsv"), "0\tArtist\ttag\turl\n");
        Files.writeString(lastfm.resolve("user_artists.dat"), "userID\tartistID\tweight\n2\t51\t13883\n");
        Files.createDirectories(lastfm.resolve("hetrec"));
        Files.createDirectories(lastfm.resolve("splits"));
        Files.writeString(lastfm.resolve("hetrec/artists.dat"), "id\tname\turl\tpictureURL\n51\tArtist\tu\tp\n");
        // user u (0..9) has u+1 train positives and u+2 train negatives; user 10 only negatives.
        Random r = new Random(1);
        Files.writeString(lastfm.resolve(KGCN_TRAIN), lastFmTrain(r, 10));
        Files.writeString(lastfm.resolve(MCCLK_TRAIN), lastFmTrain(r, 10));
        for (String f : List.of("kgcn_seed555_eval.txt", "kgcn_seed555_test.txt", "mcclk_seed2020_test.txt")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sb.append(r.nextInt(11)).append('\t').append(r.nextInt(100)).append('\t').append(i % 2).append('\n');
            }
            Files.writeString(lastfm.resolve("splits").resolve(f), sb);
        }

        recbole = Files.createDirectories(tmp.resolve("toy-kg"));
        // user a: 20 ratings at t = i (ratings cycle 1..5: 8 positives); b: 12 ratings all at t = 7
        // (ties broken by item id); c: 2 ratings (all TRAIN); d: only low ratings.
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rows.add("a\t" + i + "\t" + (i % 5 + 1) + "\t" + (100 + i));
        }
        for (int i = 1; i <= 12; i++) {
            rows.add("b\t" + i + "\t" + (i % 2 == 0 ? 5 : 2) + "\t7");
        }
        rows.add("c\t3\t5\t50");
        rows.add("c\t4\t1\t40");
        for (int i = 1; i <= 6; i++) {
            rows.add("d\t" + i + "\t2\t" + i);
        }
        java.util.Collections.shuffle(rows, new Random(3)); // the file order must not matter
        rows.forEach(x -> inter.append(x).append('\n'));
        Files.writeString(recbole.resolve("toy.inter"), inter);
        StringBuilder item = new StringBuilder("item_id:token\tmovie_title:token_seq\n");
        for (int i = 1; i <= 20; i++) {
            item.append(i).append("\tMovie ").append(i).append('\n');
        }
        Files.writeString(recbole.resolve("toy.item"), item);
        Files.writeString(recbole.resolve("toy.user"), "user_id:token\tage:token\na\t24\nb\t30\nc\t40\nd\t50\n");
        Files.writeString(recbole.resolve("toy.kg"), "head_id:token\trelation_id:token\ttail_id:token\nm.1\tr\tm.2\n");
        Files.writeString(recbole.resolve("toy.link"), "item_id:token\tentity_id:token\n1\tm.1\n");
    }

    private static String lastFmTrain(Random r, int users) {
        List<String> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < u + 1; i++) {
                rows.add(u + "\t" + (u * 100 + i) + "\t1");
            }
            for (int i = 0; i < u + 2; i++) {
                rows.add(u + "\t" + (u * 100 + 50 + i) + "\t0");
            }
        }
        rows.add(users + "\t7\t0");
        rows.add(users + "\t8\t0");
        java.util.Collections.shuffle(rows, r);
        return String.join("\n", rows) + "\n";
    }

    private Options opts(Path source, String out, int max, double fraction, long seed) {
        return new Options(source, tmp.resolve(out), max, fraction, seed, 4.0, false);
    }

    /** user -> [positives, negatives] of a Last.FM-format file. */
    private static Map<String, int[]> perUser(Path file) throws IOException {
        Map<String, int[]> m = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            m.computeIfAbsent(f[0], k -> new int[2])[f[2].equals("1") ? 0 : 1]++;
        }
        return m;
    }

    @Test
    void lastFmCapsPositivesPerUserAndKeepsTheLabelBalance() throws IOException {
        Summary s = SparseVariant.derive(opts(lastfm, "out", 3, 1.0, 42));
        assertThat(s.format()).isEqualTo(Format.LASTFM);
        for (String train : List.of(KGCN_TRAIN, MCCLK_TRAIN)) {
            Map<String, int[]> before = perUser(lastfm.resolve(train));
            Map<String, int[]> after = perUser(tmp.resolve("out").resolve(train));
            for (Map.Entry<String, int[]> e : before.entrySet()) {
                int[] b = e.getValue();
                int[] a = after.getOrDefault(e.getKey(), new int[2]);
                assertThat(a[0]).as("positives of user %s", e.getKey()).isEqualTo(Math.min(3, b[0]));
                assertThat(a[1]).as("negatives of user %s", e.getKey()).isEqualTo(Math.min(b[1], a[0]));
            }
            assertThat(after).doesNotContainKey("10"); // no positive, so no negative kept either
            // kept rows are source rows, in the source order
            List<String> src = Files.readAllLines(lastfm.resolve(train));
            List<String> out = Files.readAllLines(tmp.resolve("out").resolve(train));
            assertThat(src.stream().filter(Set.copyOf(out)::contains).toList()).isEqualTo(out);
        }
        PartSummary kgcn = s.parts().get(0);
        assertThat(kgcn.split()).isEqualTo("kgcn");
        assertThat(kgcn.users()).isEqualTo(11);
        assertThat(kgcn.usersWithPositives()).isEqualTo(10);
        assertThat(kgcn.positivesBefore()).isEqualTo(55);
        assertThat(kgcn.positivesAfter()).isEqualTo(1 + 2 + 3 * 8);
        assertThat(kgcn.negativesAfter()).isEqualTo(kgcn.positivesAfter());
        assertThat(kgcn.maxPositivesPerUserAfter()).isEqualTo(3);
        assertThat(kgcn.evalRows()).isEqualTo(20);
        assertThat(s.parts().get(1).evalRows()).isZero();
        assertThat(s.describe()).contains("train positives           55 -> 27");
    }

    @Test
    void historyFractionKeepsThatShareOfEachUsersPositivesThenTheCap() throws IOException {
        SparseVariant.derive(opts(lastfm, "frac", 0, 0.2, 42));
        Map<String, int[]> before = perUser(lastfm.resolve(KGCN_TRAIN));
        Map<String, int[]> after = perUser(tmp.resolve("frac").resolve(KGCN_TRAIN));
        for (int u = 0; u < 10; u++) {
            int p = before.get(Integer.toString(u))[0];
            assertThat(after.get(Integer.toString(u))[0]).isEqualTo(Math.max(1, (int) Math.round(0.2 * p)));
        }
        SparseVariant.derive(opts(lastfm, "both", 1, 0.5, 42));
        assertThat(perUser(tmp.resolve("both").resolve(KGCN_TRAIN)).values()).allMatch(c -> c[0] == 1 && c[1] == 1);
        assertThatThrownBy(() -> opts(lastfm, "x", 0, 1.0, 42)).hasMessageContaining("nothing to thin");
        assertThatThrownBy(() -> opts(lastfm, "x", 3, 0.0, 42)).hasMessageContaining("history-fraction");
    }

    @Test
    void evalAndTestAreByteIdenticalCopies() throws IOException {
        SparseVariant.derive(opts(lastfm, "out", 3, 1.0, 42));
        for (String f : List.of("splits/kgcn_seed555_eval.txt", "splits/kgcn_seed555_test.txt", "splits/mcclk_seed2020_test.txt")) {
            Path copy = tmp.resolve("out").resolve(f);
            assertThat(Files.isSymbolicLink(copy)).isFalse();
            assertThat(Files.mismatch(copy, lastfm.resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void everythingElseIsASymbolicLinkToTheSource() throws IOException {
        Summary s = SparseVariant.derive(opts(lastfm, "out", 3, 1.0, 42));
        Path out = tmp.resolve("out");
        for (String f : List.of("ratings_final.txt", "kg_final.txt", "kg.txt", "item_index2entity_id.txt", "item_text.tsv",
                "user_artists.dat", "hetrec")) {
            assertThat(Files.isSymbolicLink(out.resolve(f))).as(f).isTrue();
            assertThat(out.resolve(f).toRealPath()).isEqualTo(lastfm.resolve(f).toRealPath());
        }
        assertThat(Files.isSymbolicLink(out.resolve("splits"))).isFalse();
        assertThat(s.linked()).hasSize(7);
        String md = Files.readString(out.resolve(SparseVariant.DERIVED_MD));
        assertThat(md).contains("--seed 42", "--max-train-positives 3", lastfm.toAbsolutePath().toString(),
                "| kgcn | `" + KGCN_TRAIN + "` | 11 | 55 | 27 |", s.written().get(KGCN_TRAIN));
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() throws IOException {
        SparseVariant.derive(opts(lastfm, "a", 3, 1.0, 42));
        SparseVariant.derive(opts(lastfm, "b", 3, 1.0, 42));
        SparseVariant.derive(opts(lastfm, "c", 3, 1.0, 7));
        for (String f : List.of(KGCN_TRAIN, MCCLK_TRAIN)) {
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).isEqualTo(-1L);
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("c").resolve(f))).isNotEqualTo(-1L);
        }
        Summary r1 = SparseVariant.derive(opts(recbole, "r1", 2, 1.0, 42));
        Summary r2 = SparseVariant.derive(opts(recbole, "r2", 2, 1.0, 42));
        assertThat(r1.written()).isEqualTo(r2.written());
    }

    @Test
    void recBoleBenchmarkFilesHoldTheTime811PartsWithTrainCapped() throws IOException {
        Summary s = SparseVariant.derive(opts(recbole, "rb", 2, 1.0, 42));
        assertThat(s.format()).isEqualTo(Format.RECBOLE);
        Path out = tmp.resolve("rb");
        DatasetBuffer dense = new DatasetBuffer();
        new RecBoleReader(new RecBoleReader.Config(recbole, "toy", 4.0, null, "time811"), InputErrors.stopping()).read(dense);
        String header = Files.readAllLines(recbole.resolve("toy.inter")).get(0);
        for (String part : List.of("train", "valid", "test")) {
            assertThat(Files.readAllLines(out.resolve("toy." + part + ".inter")).get(0)).isEqualTo(header);
        }
        assertThat(pairs(out.resolve("toy.valid.inter"))).isEqualTo(pairs(dense.interactions, Split.EVAL));
        assertThat(pairs(out.resolve("toy.test.inter"))).isEqualTo(pairs(dense.interactions, Split.TEST));
        assertThat(pairs(out.resolve("toy.test.inter"))).contains("a\t20", "b\t9").doesNotContain("c\t3");

        // train: each user's 2 most recent train positives, as many non-positives, all from the dense train part
        List<String[]> train = Files.readAllLines(out.resolve("toy.train.inter")).stream().skip(1).map(l -> l.split("\t")).toList();
        Map<String, List<Interaction>> denseTrain = dense.interactions.stream().filter(x -> x.split() == Split.TRAIN)
                .collect(Collectors.groupingBy(Interaction::userId));
        assertThat(pairs(out.resolve("toy.train.inter"))).isSubsetOf(pairs(dense.interactions, Split.TRAIN));
        for (String u : List.of("a", "b", "c", "d")) {
            List<String> pos = train.stream().filter(f -> f[0].equals(u) && Double.parseDouble(f[2]) >= 4).map(f -> f[1]).toList();
            long neg = train.stream().filter(f -> f[0].equals(u) && Double.parseDouble(f[2]) < 4).count();
            List<String> expected = denseTrain.get(u).stream().filter(x -> x.label() == 1)
                    .sorted(Comparator.comparingLong(Interaction::timestamp).thenComparing(Interaction::itemId).reversed())
                    .limit(2).map(Interaction::itemId).toList();
            assertThat(pos).as("positives of %s", u).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(neg).as("negatives of %s", u).isEqualTo(Math.min(pos.size(),
                    denseTrain.get(u).stream().filter(x -> x.label() == 0).count()));
        }
        // a: 16 train rows at t = 101..116, positives (rating >= 4) at items 3,4,8,9,13,14: most recent 13, 14
        assertThat(train.stream().filter(f -> f[0].equals("a") && Double.parseDouble(f[2]) >= 4).map(f -> f[1]))
                .containsExactlyInAnyOrder("13", "14");
        // b: all at t = 7, so ordered by item id as a string: 1, 10, 11, 12, 2, ..., 8 (EVAL), 9 (TEST);
        // train positives (even items) 10, 12, 2, 4, 6: the most recent two are 4 and 6
        assertThat(train.stream().filter(f -> f[0].equals("b") && Double.parseDouble(f[2]) >= 4).map(f -> f[1]))
                .containsExactlyInAnyOrder("4", "6");
        PartSummary p = s.parts().get(0);
        assertThat(p.split()).isEqualTo("time811");
        assertThat(p.users()).isEqualTo(4);
        assertThat(p.usersWithPositives()).isEqualTo(3);
        assertThat(p.positivesAfter()).isEqualTo(2 + 2 + 1);
        assertThat(p.evalRows() + p.testRows()).isEqualTo(dense.interactions.stream().filter(x -> x.split() != Split.TRAIN).count());

        for (String suffix : List.of("item", "user", "kg", "link")) {
            assertThat(Files.isSymbolicLink(out.resolve("toy." + suffix))).as(suffix).isTrue();
        }
        assertThat(out.resolve("toy.inter")).doesNotExist();
    }

    private static List<String> pairs(Path interFile) throws IOException {
        return Files.readAllLines(interFile).stream().skip(1).map(l -> l.split("\t")).map(f -> f[0] + "\t" + f[1]).sorted().toList();
    }

    private static List<String> pairs(List<Interaction> xs, Split split) {
        return xs.stream().filter(x -> x.split() == split).map(x -> x.userId() + "\t" + x.itemId()).sorted().toList();
    }

    @Test
    void nonEmptyOutputDirectoryIsRefusedUnlessForced() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> SparseVariant.derive(opts(lastfm, "busy", 3, 1.0, 42)))
                .hasMessageContaining("is not empty").hasMessageContaining("--force");
        assertThat(out.resolve("keep.txt")).exists();
        SparseVariant.derive(new Options(lastfm, out, 3, 1.0, 42, 4.0, true));
        assertThat(out.resolve("keep.txt")).doesNotExist();
        // forcing again replaces the links too, and the source behind them stays
        SparseVariant.derive(new Options(lastfm, out, 3, 1.0, 42, 4.0, true));
        assertThat(lastfm.resolve("ratings_final.txt")).exists();
        assertThat(lastfm.resolve("hetrec/artists.dat")).exists();
        assertThatThrownBy(() -> SparseVariant.derive(new Options(lastfm, lastfm.resolve("sub"), 3, 1.0, 42, 4.0, true)))
                .hasMessageContaining("outside the source");
    }

    @Test
    void badInputNamesFileAndLine() throws IOException {
        Files.writeString(lastfm.resolve(KGCN_TRAIN), "0\t1\t1\n0\t2\t0\n0\t3\t2\n");
        assertThatThrownBy(() -> SparseVariant.derive(opts(lastfm, "bad", 3, 1.0, 42)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("kgcn_seed555_train.txt:3: field `label`: must be 0 or 1");
        Files.writeString(recbole.resolve("toy.inter"), "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t1\t5\t1\na\t2\tfive\t2\n");
        assertThatThrownBy(() -> SparseVariant.derive(opts(recbole, "bad2", 3, 1.0, 42)))
                .hasMessageContaining("toy.inter:3: field `rating`: not a number");
        Files.writeString(recbole.resolve("toy.inter"), "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t99\t5\t1\n");
        assertThatThrownBy(() -> SparseVariant.derive(opts(recbole, "bad3", 3, 1.0, 42)))
                .hasMessageContaining("toy.inter:2: field `item_id`: unknown item `99`");
        Files.delete(lastfm.resolve("splits/kgcn_seed555_test.txt"));
        Files.writeString(lastfm.resolve(KGCN_TRAIN), "0\t1\t1\n");
        assertThatThrownBy(() -> SparseVariant.derive(opts(lastfm, "bad4", 3, 1.0, 42)))
                .hasMessageContaining("kgcn_seed555_test.txt is missing");
    }
}
