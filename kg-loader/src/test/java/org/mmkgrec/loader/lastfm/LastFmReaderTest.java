package org.mmkgrec.loader.lastfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;

class LastFmReaderTest {
    @TempDir
    Path dir;

    /** 3 artists (HetRec ids 10, 20, 30 -> items 0, 1, 2), 2 users (HetRec 7 then 5 in order of appearance). */
    @BeforeEach
    void fixture() throws IOException {
        write("item_index2entity_id.txt", "10\t0\n20\t1\n30\t2\n");
        write("item_text.tsv", "item_index\tartist_id\tname\ttop_tags(tag:count;...)\tpicture_url\n"
                + "0\t10\tAlpha\trock:3;indie:1\thttp://x/0.jpg\n1\t20\tBeta\t\thttp://x/1.jpg\n2\t30\tGamma\tjazz:2\t\n");
        write("ratings_final.txt", "0\t0\t1\n0\t2\t0\n1\t1\t1\n1\t2\t1\n1\t0\t0\n");
        write("kg.txt", "0\tmusic.artist.genre\t3\n1\tmusic.artist.genre\t3\n2\tmusic.artist.origin\t4\n");
        write("kg_final.txt", "0\t0\t3\n1\t0\t3\n2\t1\t4\n");
        // user 7 first listens to artist 10, user 5 to 20 and 30; artist 99 is not an item
        write("user_artists.dat", "userID\tartistID\tweight\n7\t99\t5\n7\t10\t100\n5\t20\t50\n5\t30\t20\n");
        Files.createDirectories(dir.resolve("hetrec"));
        Files.write(dir.resolve("hetrec/tags.dat"), "tagID\ttagValue\n1\trock\n2\ttropic\u00e1lia\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        write("hetrec/user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n"
                + "7\t10\t1\t1\t1\t2009\n7\t10\t1\t2\t1\t2009\n5\t30\t2\t1\t1\t2010\n8\t10\t1\t1\t1\t2010\n");
        Files.createDirectories(dir.resolve("splits"));
        write("splits/kgcn_seed555_train.txt", "0\t0\t1\n1\t1\t1\n1\t0\t0\n");
        write("splits/kgcn_seed555_eval.txt", "0\t2\t0\n");
        write("splits/kgcn_seed555_test.txt", "1\t2\t1\n");
    }

    void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsUsersItemsKgTextAndTags() {
        DatasetBuffer d = new DatasetBuffer();
        LastFmReader.Result r = new LastFmReader(new LastFmReader.Config(dir, "none", true), InputErrors.stopping()).read(d);
        assertThat(r.userMappingVerified()).isTrue();
        assertThat(d.users).extracting(u -> u.userId() + "=" + u.attributes().get("sourceId")).containsExactly("0=7", "1=5");
        assertThat(d.items).extracting(i -> i.itemId() + ":" + i.name()).containsExactly("0:Alpha", "1:Beta", "2:Gamma");
        assertThat(d.links).extracting(l -> l.itemId() + "->" + l.entityId()).containsExactly("0->0", "1->1", "2->2");
        assertThat(d.triples).extracting(t -> t.relation()).containsExactly(
                "music.artist.genre", "music.artist.genre", "music.artist.origin");
        assertThat(d.contents).extracting(c -> c.text())
                .containsExactly("Alpha. Tags: rock, indie", "Beta.", "Gamma. Tags: jazz");
        assertThat(d.interactions).hasSize(5).allMatch(x -> x.split() == Split.ALL);
        assertThat(d.interactions.stream().filter(x -> x.label() == 1).count()).isEqualTo(3);
        // user 7 (index 0) tagged artist 10 (item 0) "rock" twice; user 5 (index 1) item 2 with the
        // ISO-8859-1 tag; user 8 is not in the data set: skipped
        assertThat(d.tagUses).extracting(t -> t.userId() + "/" + t.itemId() + "/" + t.tagName() + "/" + t.count())
                .containsExactly("0/0/rock/2", "1/2/tropic\u00e1lia/1");
        // a post's day is its first assignment's (user 7 tagged artist 10 on 1 and 2 January 2009)
        assertThat(d.tagUses).extracting(t -> String.valueOf(t.firstDay())).containsExactly("2009-01-01", "2010-01-01");
        assertThat(r.tagsSkipped()).isEqualTo(1);
    }

    @Test
    void kgFinalGivesRelationIdsAsTypeNames() {
        DatasetBuffer d = new DatasetBuffer();
        new LastFmReader(new LastFmReader.Config(dir, "none", false), InputErrors.stopping()).read(d);
        // relation 0 -> rel_0: a relationship type usable in Cypher without backticks
        assertThat(d.triples).extracting(t -> t.relation()).containsExactly("rel_0", "rel_0", "rel_1");
    }

    /** A KGCN-format directory with only the required files: ratings, item index and kg_final.txt. */
    Path minimalDir(String name) throws IOException {
        Path min = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"ratings_final.txt", "item_index2entity_id.txt", "kg_final.txt"}) {
            Files.copy(dir.resolve(f), min.resolve(f));
        }
        return min;
    }

    @Test
    void directoryWithOnlyKgFinalLoads() throws IOException {
        Path min = minimalDir("min");
        DatasetBuffer d = new DatasetBuffer();
        LastFmReader.Result r = new LastFmReader(new LastFmReader.Config(min, "none", true), InputErrors.stopping()).read(d);
        // users 0 and 1, items 0..2 from the item index, the 3 triples of kg_final.txt
        assertThat(r.users()).isEqualTo(2);
        assertThat(r.items()).isEqualTo(3);
        assertThat(r.triples()).isEqualTo(3);
        assertThat(r.interactions()).isEqualTo(5);
        assertThat(d.triples).extracting(t -> t.head() + " " + t.relation() + " " + t.tail())
                .containsExactly("0 rel_0 3", "1 rel_0 3", "2 rel_1 4");
        assertThat(d.items).allMatch(i -> i.name() == null);
        assertThat(d.contents).isEmpty();
        // no user_artists.dat: no HetRec ids, no tags
        assertThat(r.userMappingVerified()).isFalse();
        assertThat(d.tagUses).isEmpty();
    }

    @Test
    void storedSplitFilesWinInAMinimalDirectory() throws IOException {
        Path min = minimalDir("min");
        Files.createDirectories(min.resolve("splits"));
        for (String part : new String[] {"train", "eval", "test"}) {
            Files.copy(dir.resolve("splits/kgcn_seed555_" + part + ".txt"), min.resolve("splits/kgcn_seed555_" + part + ".txt"));
        }
        DatasetBuffer d = new DatasetBuffer();
        LastFmReader.Result r = new LastFmReader(new LastFmReader.Config(min, "kgcn", true), InputErrors.stopping()).read(d);
        assertThat(r.triples()).isEqualTo(3);
        assertThat(d.interactions).extracting(x -> x.userId() + "-" + x.itemId() + ":" + x.split())
                .containsExactly("0-0:TRAIN", "1-1:TRAIN", "1-0:TRAIN", "0-2:EVAL", "1-2:TEST");
    }

    /** 20 rows over 4 users and 5 items, labels alternating. */
    Path twentyRowDir() throws IOException {
        Path min = minimalDir("twenty");
        Files.writeString(min.resolve("item_index2entity_id.txt"), "10\t0\n20\t1\n30\t2\n40\t3\n50\t4\n");
        StringBuilder ratings = new StringBuilder();
        for (int r = 0; r < 20; r++) {
            ratings.append(r / 5).append('\t').append(r % 5).append('\t').append(r % 2).append('\n');
        }
        Files.writeString(min.resolve("ratings_final.txt"), ratings);
        return min;
    }

    List<Split> splits(Path source, String split, Long seed) {
        DatasetBuffer d = new DatasetBuffer();
        new LastFmReader(new LastFmReader.Config(source, split, true, seed), InputErrors.stopping()).read(d);
        return d.interactions.stream().map(Interaction::split).toList();
    }

    @Test
    void kgcnSplitIsDrawnWhenTheFilesAreAbsent() throws IOException {
        Path twenty = twentyRowDir();
        List<Split> kgcn = splits(twenty, "kgcn", null);
        // KGCN's 6:2:2: int(20 * 0.2) = 4 eval, 4 test, 12 train
        assertThat(kgcn).hasSize(20);
        assertThat(Collections.frequency(kgcn, Split.EVAL)).isEqualTo(4);
        assertThat(Collections.frequency(kgcn, Split.TEST)).isEqualTo(4);
        assertThat(Collections.frequency(kgcn, Split.TRAIN)).isEqualTo(12);
        // seeded: the same split on every run; the default seed is 555; another seed draws another split
        assertThat(splits(twenty, "kgcn", null)).isEqualTo(kgcn);
        assertThat(splits(twenty, "kgcn", 555L)).isEqualTo(kgcn);
        assertThat(splits(twenty, "kgcn", 556L)).isNotEqualTo(kgcn);

        List<Split> mcclk = splits(twenty, "mcclk", null);
        // MCCLK's 8:2: int(20 * 0.2) = 4 test, 16 train, no eval
        assertThat(Collections.frequency(mcclk, Split.TEST)).isEqualTo(4);
        assertThat(Collections.frequency(mcclk, Split.TRAIN)).isEqualTo(16);
        assertThat(splits(twenty, "mcclk", 2020L)).isEqualTo(mcclk);
    }

    @Test
    void anotherSeedDrawsEvenWhenStoredFilesExist() {
        // the stored files are seed 555's; seed 1 draws 5 rows: int(5 * 0.2) = 1 eval, 1 test
        List<Split> drawn = splits(dir, "kgcn", 1L);
        assertThat(drawn).containsExactlyInAnyOrder(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.EVAL, Split.TEST);
    }

    @Test
    void halfAStoredSplitIsAnError() throws IOException {
        Files.delete(dir.resolve("splits/kgcn_seed555_eval.txt"));
        assertThatThrownBy(() -> splits(dir, "kgcn", null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("kgcn_seed555_eval.txt")
                .hasMessageContaining("missing");
    }

    @Test
    void missingRequiredFileIsNamedWithTheOptionalOnesBeforeAnythingIsRead() throws IOException {
        Path min = minimalDir("min");
        Files.delete(min.resolve("ratings_final.txt"));
        DatasetBuffer d = new DatasetBuffer();
        assertThatThrownBy(() -> new LastFmReader(new LastFmReader.Config(min, "none", true), InputErrors.stopping()).read(d))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing required file ratings_final.txt")
                .hasMessageContaining("optional: item_text.tsv, user_artists.dat, hetrec/tags.dat")
                .hasMessageContaining("splits/kgcn_seed555_{train,eval,test}.txt");
        assertThat(d.users).isEmpty();
        assertThat(d.items).isEmpty();

        Files.delete(min.resolve("kg_final.txt"));
        // the whole list, even under SKIP: a missing file is not a bad record
        assertThatThrownBy(() -> new LastFmReader(new LastFmReader.Config(min, "none", true),
                new InputErrors(ErrorPolicy.SKIP)).read(new DatasetBuffer()))
                .hasMessageContaining("missing required files ratings_final.txt, kg.txt or kg_final.txt");
    }

    @Test
    void kgcnSplitMarksEachPart() {
        DatasetBuffer d = new DatasetBuffer();
        new LastFmReader(new LastFmReader.Config(dir, "kgcn", true), InputErrors.stopping()).read(d);
        assertThat(d.interactions).extracting(x -> x.userId() + "-" + x.itemId() + ":" + x.split())
                .containsExactly("0-0:TRAIN", "1-1:TRAIN", "1-0:TRAIN", "0-2:EVAL", "1-2:TEST");
    }

    @Test
    void unverifiableUserMappingLeavesTagsOut() throws IOException {
        write("user_artists.dat", "userID\tartistID\tweight\n7\t10\t100\n");
        DatasetBuffer d = new DatasetBuffer();
        LastFmReader.Result r = new LastFmReader(new LastFmReader.Config(dir, "none", true), InputErrors.stopping()).read(d);
        assertThat(r.userMappingVerified()).isFalse();
        assertThat(d.tagUses).isEmpty();
        assertThat(d.users).allMatch(u -> u.attributes().isEmpty());
    }

    @Test
    void badLinesNameFileLineAndField() throws IOException {
        write("ratings_final.txt", "0\t0\t1\n0\tx\t1\n1\t7\t1\n1\t1\t2\n1\t1\n");
        assertThatThrownBy(() -> new LastFmReader(new LastFmReader.Config(dir, "none", true), InputErrors.stopping())
                .read(new DatasetBuffer()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("ratings_final.txt:2: field `item`: not an integer");

        InputErrors skip = new InputErrors(ErrorPolicy.SKIP);
        DatasetBuffer d = new DatasetBuffer();
        new LastFmReader(new LastFmReader.Config(dir, "none", true), skip).read(d);
        // line 2: not an integer; 3: unknown item 7; 4: label 2; 5: two fields
        assertThat(skip.skipped()).isEqualTo(4);
        assertThat(skip.firstMessages()).anyMatch(m -> m.contains(":3: field `item`: unknown item 7"))
                .anyMatch(m -> m.contains(":4: field `label`: must be 0 or 1"));
        assertThat(d.interactions).hasSize(1);
    }
}
