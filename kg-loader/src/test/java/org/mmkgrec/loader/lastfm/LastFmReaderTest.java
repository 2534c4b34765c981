package org.mmkgrec.loader.lastfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
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
        assertThat(r.tagsSkipped()).isEqualTo(1);
    }

    @Test
    void kgFinalGivesRelationIds() {
        DatasetBuffer d = new DatasetBuffer();
        new LastFmReader(new LastFmReader.Config(dir, "none", false), InputErrors.stopping()).read(d);
        assertThat(d.triples).extracting(t -> t.relation()).containsExactly("0", "0", "1");
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
