package org.mmkgrec.loader.recbole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Split;

class RecBoleReaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void fixture() throws IOException {
        // user a: 10 ratings at t = 1..10 (items 1..10); user b: 2 ratings
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        for (int i = 1; i <= 10; i++) {
            inter.append("a\t").append(i).append('\t').append(i % 5 + 1).append('\t').append(i).append('\n');
        }
        inter.append("b\t1\t4\t5\nb\t2\t3\t5\n");
        Files.writeString(dir.resolve("toy.inter"), inter);
        StringBuilder item = new StringBuilder("item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n");
        for (int i = 1; i <= 10; i++) {
            item.append(i).append("\tMovie ").append(i).append("\t199").append(i % 10).append("\tDrama Comedy\n");
        }
        Files.writeString(dir.resolve("toy.item"), item);
        Files.writeString(dir.resolve("toy.user"), "user_id:token\tage:token\na\t24\nb\t53\n");
        Files.writeString(dir.resolve("toy.kg"), "head_id:token\trelation_id:token\ttail_id:token\n"
                + "m.1\tfilm.film.genre\tm.drama\nm.2\tfilm.film.genre\tm.drama\n");
        Files.writeString(dir.resolve("toy.link"), "item_id:token\tentity_id:token\n1\tm.1\n2\tm.2\n");
    }

    DatasetBuffer read(String split, InputErrors errors) {
        DatasetBuffer d = new DatasetBuffer();
        new RecBoleReader(new RecBoleReader.Config(dir, null, 4.0, null, split), errors).read(d);
        return d;
    }

    @Test
    void readsAtomicFiles() {
        DatasetBuffer d = read("none", InputErrors.stopping());
        assertThat(d.users).extracting(u -> u.userId() + ":" + u.attributes().get("age")).containsExactly("a:24", "b:53");
        assertThat(d.items).hasSize(10);
        assertThat(d.items.get(0).name()).isEqualTo("Movie 1");
        assertThat(d.contents.get(0).text()).isEqualTo("Movie 1 (1991). Genres: Drama, Comedy");
        assertThat(d.interactions).hasSize(12);
        // rating = i % 5 + 1 for user a: ratings >= 4 at i = 3, 4, 8, 9; plus b's 4
        assertThat(d.interactions.stream().filter(x -> x.label() == 1).count()).isEqualTo(5);
        assertThat(d.triples).hasSize(2);
        assertThat(d.links).extracting(l -> l.itemId() + "->" + l.entityId()).containsExactly("1->m.1", "2->m.2");
    }

    @Test
    void time811SplitsEachUserByTime() {
        DatasetBuffer d = read("time811", InputErrors.stopping());
        // user a, 10 interactions at t = i: items 1..8 TRAIN, 9 EVAL, 10 TEST; user b has < 3: TRAIN
        assertThat(d.interactions).extracting(x -> x.userId() + x.itemId() + ":" + x.split())
                .containsExactly("a1:TRAIN", "a2:TRAIN", "a3:TRAIN", "a4:TRAIN", "a5:TRAIN", "a6:TRAIN", "a7:TRAIN",
                        "a8:TRAIN", "a9:EVAL", "a10:TEST", "b1:TRAIN", "b2:TRAIN");
    }

    @Test
    void ratingThresholdZeroMakesEveryRatingAPositive() {
        DatasetBuffer d = new DatasetBuffer();
        new RecBoleReader(new RecBoleReader.Config(dir, null, 0.0, null, "none"), InputErrors.stopping()).read(d);
        // ratings are 1..5: all 12 at or above 0; the same at 1.0, the smallest rating
        assertThat(d.interactions).hasSize(12).allMatch(x -> x.label() == 1);
        DatasetBuffer atMin = new DatasetBuffer();
        new RecBoleReader(new RecBoleReader.Config(dir, null, 1.0, null, "none"), InputErrors.stopping()).read(atMin);
        assertThat(atMin.interactions).allMatch(x -> x.label() == 1);
    }

    @Test
    void recBoleCountsFollowCalcuSplitIds() {
        // RecBole's Dataset._calcu_split_ids([0.8, 0.1, 0.1]) for these totals, as part sizes
        double[] rs = {0.8, 0.1, 0.1};
        assertThat(RecBoleReader.recBoleCounts(1, rs)).containsExactly(1, 0, 0);
        assertThat(RecBoleReader.recBoleCounts(2, rs)).containsExactly(1, 0, 1);
        assertThat(RecBoleReader.recBoleCounts(3, rs)).containsExactly(1, 1, 1);
        assertThat(RecBoleReader.recBoleCounts(4, rs)).containsExactly(2, 1, 1);
        assertThat(RecBoleReader.recBoleCounts(10, rs)).containsExactly(8, 1, 1);
        assertThat(RecBoleReader.recBoleCounts(19, rs)).containsExactly(17, 1, 1);
        assertThat(RecBoleReader.recBoleCounts(20, rs)).containsExactly(16, 2, 2);
        assertThat(RecBoleReader.recBoleCounts(30, rs)).containsExactly(24, 3, 3);
    }

    /** 30 users u01..u30; user k rated items 1..k (k interactions), lines in the given order. */
    Path thirtyUsers(String name, boolean reversed) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        List<String> lines = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            for (int i = 1; i <= k; i++) {
                lines.add(String.format("u%02d\t%d\t%d\t%d", k, i, i % 5 + 1, 1000 * k + i));
            }
        }
        if (reversed) {
            Collections.reverse(lines);
        }
        Files.writeString(d.resolve("thirty.inter"), "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + String.join("\n", lines) + "\n");
        return d;
    }

    Map<String, Split> splitOf(Path source, String split) {
        DatasetBuffer d = new DatasetBuffer();
        new RecBoleReader(new RecBoleReader.Config(source, null, 4.0, null, split), InputErrors.stopping()).read(d);
        Map<String, Split> out = new TreeMap<>();
        d.interactions.forEach(x -> out.put(x.userId() + "/" + x.itemId(), x.split()));
        return out;
    }

    @Test
    void random811SplitsEachUserWithRecBolesCountsReproducibly() throws IOException {
        Map<String, Split> split = splitOf(thirtyUsers("a", false), "random811");
        assertThat(split).hasSize(465); // 1 + 2 + ... + 30
        for (int k = 1; k <= 30; k++) {
            String user = String.format("u%02d/", k);
            List<Split> parts = split.entrySet().stream().filter(e -> e.getKey().startsWith(user)).map(Map.Entry::getValue).toList();
            int[] expected = k < 3 ? new int[] {k, 0, 0} : RecBoleReader.recBoleCounts(k, new double[] {0.8, 0.1, 0.1});
            assertThat(new int[] {Collections.frequency(parts, Split.TRAIN), Collections.frequency(parts, Split.EVAL),
                    Collections.frequency(parts, Split.TEST)}).as("user %d", k).containsExactly(expected);
        }
        // user 30: 24/3/3, user 20: 16/2/2, user 10: 8/1/1; users 1 and 2 keep everything in TRAIN
        assertThat(split.entrySet().stream().filter(e -> e.getKey().startsWith("u30/"))
                .filter(e -> e.getValue() == Split.TEST).count()).isEqualTo(3);
        assertThat(split).containsEntry("u01/1", Split.TRAIN).containsEntry("u02/1", Split.TRAIN).containsEntry("u02/2", Split.TRAIN);
        // totals over all users: 8:1:1 up to RecBole's rounding
        long test = split.values().stream().filter(s -> s == Split.TEST).count();
        long eval = split.values().stream().filter(s -> s == Split.EVAL).count();
        assertThat(test).isEqualTo(eval).isBetween(40L, 60L);

        // the same file gives the same split, and so does the same data in another line order
        assertThat(splitOf(thirtyUsers("b", false), "random811")).isEqualTo(split);
        assertThat(splitOf(thirtyUsers("c", true), "random811")).isEqualTo(split);
        // shuffled, not by time: user 30's test part is not their 3 latest items 28, 29, 30
        assertThat(split.entrySet().stream().filter(e -> e.getKey().startsWith("u30/") && e.getValue() == Split.TEST)
                .map(Map.Entry::getKey).toList()).hasSize(3).isNotEqualTo(List.of("u30/28", "u30/29", "u30/30"));
    }

    @Test
    void filesSplitReadsRecBolesBenchmarkFiles() throws IOException {
        Path bench = Files.createDirectories(dir.resolve("bench"));
        String header = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n";
        Files.writeString(bench.resolve("toy.train.inter"), header + "a\t1\t5\t1\na\t2\t3\t2\nb\t1\t4\t1\n");
        Files.writeString(bench.resolve("toy.valid.inter"), header + "a\t3\t4\t3\n");
        Files.writeString(bench.resolve("toy.test.inter"), header + "a\t4\t2\t4\nb\t2\t5\t2\n");
        Files.copy(dir.resolve("toy.item"), bench.resolve("toy.item"));

        RecBoleReader.Config config = new RecBoleReader.Config(bench, null, 4.0, null, "files");
        assertThat(config.dataset()).isEqualTo("toy"); // found from the benchmark files alone
        DatasetBuffer d = new DatasetBuffer();
        RecBoleReader.Result r = new RecBoleReader(config, InputErrors.stopping()).read(d);
        assertThat(d.interactions).extracting(x -> x.userId() + x.itemId() + ":" + x.split() + ":" + x.label())
                .containsExactly("a1:TRAIN:1", "a2:TRAIN:0", "b1:TRAIN:1", "a3:EVAL:1", "a4:TEST:0", "b2:TEST:1");
        assertThat(r.items()).isEqualTo(10); // toy.item is read as usual
        assertThat(d.items.get(0).name()).isEqualTo("Movie 1");

        // without split `files` the plain toy.inter is required, and the error points at `files`
        assertThatThrownBy(() -> new RecBoleReader(new RecBoleReader.Config(bench, null, 4.0, null, "none"),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("no interactions file").hasMessageContaining("use split `files`");

        Files.delete(bench.resolve("toy.valid.inter"));
        assertThatThrownBy(() -> new RecBoleReader(new RecBoleReader.Config(bench, null, 4.0, null, "files"),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("toy.valid.inter: missing");
    }

    @Test
    void badInputNamesFileLineAndField() throws IOException {
        Files.writeString(dir.resolve("toy.inter"), "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "a\t1\t5\t1\na\t99\t5\t2\na\t2\tfive\t3\na\t3\t5\n");
        assertThatThrownBy(() -> read("none", InputErrors.stopping()))
                .hasMessageContaining("toy.inter:3: field `item_id`: unknown item `99`");
        InputErrors skip = new InputErrors(ErrorPolicy.SKIP);
        DatasetBuffer d = read("none", skip);
        assertThat(skip.skipped()).isEqualTo(3);
        assertThat(skip.firstMessages()).anyMatch(m -> m.contains("toy.inter:4: field `rating`: not a number"))
                .anyMatch(m -> m.contains("toy.inter:5: expected 4 tab-separated fields, got 3"));
        assertThat(d.interactions).hasSize(1);
    }

    @Test
    void missingRequiredHeaderFieldStops() throws IOException {
        Files.writeString(dir.resolve("toy.link"), "item_id:token\tentity:token\n1\tm.1\n");
        assertThatThrownBy(() -> read("none", new InputErrors(ErrorPolicy.SKIP)))
                .hasMessageContaining("toy.link:1: field `entity_id`: missing from the header");
    }
}
