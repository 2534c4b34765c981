package org.mmkgrec.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rules for ids, names, text and relation names, without a service. */
class InputRulesTest {

    @Test
    void idsAreNfcSoTwoSpellingsAreOneId() {
        // "e" + combining acute (NFD) and the precomposed "é" (NFC) are the same id
        assertThat(InputRules.id("itemId", "caf\u0065\u0301")).isEqualTo("caf\u00e9");
        assertThat(InputRules.id("itemId", "caf\u00e9")).isEqualTo("caf\u00e9");
        assertThat(InputRules.id("itemId", "\ud83c\udfb5 music")).isEqualTo("\ud83c\udfb5 music"); // a valid pair
    }

    @Test
    void loneSurrogatesControlAndFormatCharactersAreRefusedNamingTheField() {
        for (String bad : new String[] {"a\ud800", "\udc00b", "a\u0000b", "a\u001fb", "\u200b", "a\u202eb",
                "a\ufeffb", "a\uffffb", " a", "a ", "", "   "}) {
            assertThatThrownBy(() -> InputRules.id("entities[2].id", bad)).as(bad)
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("entities[2].id"));
        }
        assertThatThrownBy(() -> InputRules.id("userId", null)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void tagsFollowTheIdRuleAndNewTagIdsAreTheirNormalisedForm() {
        assertThat(InputRules.tag("tags[0]", "Indie  Rock")).isEqualTo("Indie  Rock");
        // lower case, every run of whitespace (no-break space too) one space, NFC
        assertThat(InputRules.tagId("Indie  Rock")).isEqualTo("indie rock");
        assertThat(InputRules.tagId("Indie\u00a0 ROCK")).isEqualTo("indie rock");
        assertThat(InputRules.tagId("CAF\u0045\u0301")).isEqualTo("caf\u00e9");
        for (String bad : new String[] {" rock", "rock ", "", "a\u0000b", "\u0301"}) {
            assertThatThrownBy(() -> InputRules.tag("tags[3]", bad)).as(bad)
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("tags[3]"));
        }
        // a tag whose lower case outgrows the id limit: "\u0130" (I with a dot) is two code points in lower case
        assertThatThrownBy(() -> InputRules.tag("tags[0]", "\u0130".repeat(InputRules.MAX_ID)))
                .hasMessageContaining("at most " + InputRules.MAX_ID);
    }

    @Test
    void lengthsAreCappedInCodePoints() {
        assertThat(InputRules.id("itemId", "x".repeat(InputRules.MAX_ID))).hasSize(InputRules.MAX_ID);
        assertThatThrownBy(() -> InputRules.id("itemId", "x".repeat(InputRules.MAX_ID + 1)))
                .hasMessageContaining("at most " + InputRules.MAX_ID);
        // 256 emoji are 512 UTF-16 units but 256 code points: allowed
        assertThat(InputRules.id("itemId", "\ud83c\udfb5".repeat(InputRules.MAX_ID))).isNotNull();
        assertThatThrownBy(() -> InputRules.name("name", "n".repeat(InputRules.MAX_NAME + 1)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> InputRules.text("text", "t".repeat(InputRules.MAX_TEXT + 1)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("text"));
    }

    @Test
    void textThatIsBlankOnceControlAndFormatCharactersAreSetAsideIsRefused() {
        for (String blank : new String[] {"\u200b\u200c\u200d", "\u202e\u2066", "\ufeff ", "\u0301\u0301", " \t\n "}) {
            assertThatThrownBy(() -> InputRules.text("text", blank)).as(blank)
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("text"));
        }
        assertThatThrownBy(() -> InputRules.text("text", "a\u0000b")).isInstanceOf(BadRequestException.class);
        assertThat(InputRules.text("text", "line one\nline\ttwo")).isEqualTo("line one\nline\ttwo");
        assertThat(InputRules.text("text", null)).isNull();
        assertThat(InputRules.name("name", null)).isNull();
    }

    @Test
    void reservedRelationshipTypesAreRefusedInAnyCase() {
        for (String reserved : new String[] {"CO_ENTITY", "co_entity", "INTERACTED", "Interacted", "TAGGED_WITH",
                "USED_TAG", "HAS_TEXT", "HAS_IMAGE"}) {
            assertThatThrownBy(() -> InputRules.relation("entities[0].relation", reserved)).as(reserved)
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("entities[0].relation"));
        }
        assertThat(InputRules.relation("r", "music.artist.genre")).isEqualTo("music.artist.genre");
        assertThat(InputRules.relation("r", "hasGenre")).isEqualTo("hasGenre");
        assertThatThrownBy(() -> InputRules.relation("r", "bad`type")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> InputRules.relation("r", "a".repeat(InputRules.MAX_RELATION + 1)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void errorBodiesNeverCarryALoneSurrogate() {
        ApiError e = new ApiError(400, "bad_request", "x\ud800", "was `\udc00` and\u0000 more");
        assertThat(e.field()).isEqualTo("x\ufffd");
        assertThat(e.message()).isEqualTo("was `\ufffd` and\ufffd more");
    }
}
