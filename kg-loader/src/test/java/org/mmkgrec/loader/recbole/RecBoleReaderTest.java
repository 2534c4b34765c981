package org.mmkgrec.loader.recbole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;

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
