package org.mmkgrec.cypher.rec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void theKindOfAnUnnamedNodeIsReadFromAFreebaseStyleRelationName() {
        assertThat(Names.kind("music.artist.origin", true)).isEqualTo("origin");
        assertThat(Names.kind("music.artist.origin", false)).isEqualTo("artist");
        assertThat(Names.kind("film.film.directed_by", true)).isEqualTo("directed by");
        assertThat(Names.kind("people.person.place_of_birth", true)).isEqualTo("place of birth");
        // our own relationships and kg_final.txt's numbered relations say nothing about a node's kind
        assertThat(Names.kind("CO_ENTITY", true)).isNull();
        assertThat(Names.kind("r3", true)).isNull();
        assertThat(Names.kind("a..", true)).isNull();
    }
}
