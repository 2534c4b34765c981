package org.mmkgrec.service.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.mmkgrec.loader.graph.GraphModel;

/**
 * The rules for the strings a client sends: ids, names, text and KG relation names. Each rule
 * returns the value as it is stored (ids, names and text in Unicode NFC, so that two spellings of
 * "é" are one id) or refuses it with a {@link BadRequestException} naming the field.
 *
 * <p>Lone UTF-16 surrogates are refused everywhere: Neo4j stores them as {@code ?}, so two different
 * ids would collapse into one. Lengths count Unicode code points after normalisation.
 */
public final class InputRules {
    /** Longest id (users, items, events, KG entities), in code points. */
    public static final int MAX_ID = 256;
    /** Longest display name, in code points. */
    public static final int MAX_NAME = 1_000;
    /** Longest text content, in code points (MiniLM reads the first 256 tokens; the rest is stored). */
    public static final int MAX_TEXT = 10_000;
    /** Longest KG relation name. */
    public static final int MAX_RELATION = 128;
    /** Most KG links one item write may add. */
    public static final int MAX_ENTITIES = 1_000;
    /** Most tags one tag assignment may carry. */
    public static final int MAX_TAGS = 100;

    /** KG relation names as the loaders store them (Satori / Freebase dotted names, RDF local names). */
    private static final Pattern RELATION = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0," + (MAX_RELATION - 1) + "}");
    /**
     * Relationship types the loader and the recommender give a meaning of their own
     * ({@link GraphModel}): an online KG link may not use them, in any letter case, or a key holder
     * could forge interactions, co-entity evidence, tags or content links.
     */
    private static final Set<String> RESERVED = Set.of(GraphModel.INTERACTED.name(), GraphModel.CO_ENTITY.name(),
            GraphModel.TAGGED_WITH.name(), GraphModel.USED_TAG.name());

    private InputRules() {}

    /**
     * An id as stored: required, NFC, 1..{@value #MAX_ID} code points, no leading or trailing
     * whitespace, no control or format characters (NUL, zero-width, bidi controls), no lone
     * surrogates or noncharacters.
     */
    public static String id(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new BadRequestException(field, "`" + field + "` is required");
        }
        String id = normalized(field, raw, MAX_ID);
        if (!id.equals(id.strip())) {
            throw new BadRequestException(field, "`" + field + "` must not begin or end with whitespace");
        }
        refuseAny(field, id, cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT || noncharacter(cp);
        }, "control or format characters");
        return id;
    }

    /**
     * A tag as a client names it (an existing tag's id or name, or a new tag's name): the rule of
     * {@link #id} (NFC, 1..{@value #MAX_ID} code points, no surrounding whitespace, no control or
     * format characters), since a new tag's id is derived from it ({@link #tagId}), and something
     * visible, not only combining marks.
     */
    public static String tag(String field, String raw) {
        String tag = id(field, raw);
        if (!visible(tag)) {
            throw new BadRequestException(field, "`" + field + "` must contain some visible text");
        }
        String id = tagId(tag); // lower case may be longer ("İ" is two code points in lower case)
        if (id.codePointCount(0, id.length()) > MAX_ID) {
            throw tooLong(field, MAX_ID);
        }
        return tag;
    }

    /**
     * The id of a tag created online from its name ({@link #tag}): lower case (root locale), every run
     * of whitespace one space, in NFC, so {@code Indie  Rock} and {@code indie rock} are one tag. Loaded
     * tags keep their data set's ids (Last.FM's are numbers); a name is looked up before a new tag is made.
     */
    public static String tagId(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT).replaceAll("(?U)\\s+", " ").strip();
        return Normalizer.normalize(lower, Normalizer.Form.NFC);
    }

    /** An optional display name: null stays null; else NFC, 1..{@value #MAX_NAME} code points, not blank, no controls. */
    public static String name(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String name = normalized(field, raw, MAX_NAME);
        refuseAny(field, name, cp -> Character.getType(cp) == Character.CONTROL || noncharacter(cp), "control characters");
        if (!visible(name)) {
            throw new BadRequestException(field, "`" + field + "` must not be blank");
        }
        return name;
    }

    /**
     * Optional text content: null stays null; else NFC, 1..{@value #MAX_TEXT} code points, no control
     * characters but tab and line breaks, and something to encode: text that is blank once
     * whitespace, control, format and combining characters are set aside (only NUL, zero-width or
     * bidi characters, say) is refused, as the text encoder would refuse it.
     */
    public static String text(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String text = normalized(field, raw, MAX_TEXT);
        refuseAny(field, text, cp -> (Character.getType(cp) == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r')
                || noncharacter(cp), "control characters other than tab and line breaks");
        if (!visible(text)) {
            throw new BadRequestException(field, "`" + field + "` must contain some visible text, not only "
                    + "whitespace, control, format or combining characters");
        }
        return text;
    }

    /**
     * A KG relation name for an online link: letters, digits and {@code _ . : -}, beginning with a
     * letter, at most {@value #MAX_RELATION} characters, and none of the types the graph model
     * reserves (INTERACTED, CO_ENTITY, TAGGED_WITH, USED_TAG in any case, HAS_&lt;MODALITY&gt;).
     */
    public static String relation(String field, String raw) {
        if (raw == null || !RELATION.matcher(raw).matches()) {
            throw new BadRequestException(field, "`" + field + "` must be a KG relation name (a letter, then letters, "
                    + "digits, _ . : -; at most " + MAX_RELATION + " characters), was " + quoted(raw));
        }
        if (reserved(raw)) {
            throw new BadRequestException(field, "`" + field + "` may not be `" + raw + "`: the graph model reserves "
                    + "INTERACTED, CO_ENTITY, TAGGED_WITH, USED_TAG and HAS_* for its own relationships");
        }
        return raw;
    }

    /** Whether the graph model gives this relationship type a meaning of its own. */
    public static boolean reserved(String type) {
        return RESERVED.contains(type.toUpperCase(Locale.ROOT)) || type.startsWith("HAS_");
    }

    /** NFC of {@code raw}, refused when too long or when it holds a lone surrogate. */
    private static String normalized(String field, String raw, int max) {
        // NFC never more than triples a string: refuse the hopeless before normalising
        if (raw.length() > 3L * 2 * max) {
            throw tooLong(field, max);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadRequestException(field, "`" + field + "` holds a lone UTF-16 surrogate (\\u"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at " + i + "): not valid Unicode text");
            }
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (s.codePointCount(0, s.length()) > max) {
            throw tooLong(field, max);
        }
        return s;
    }

    /** Refuses {@code value} when one of its code points is {@code bad}, naming the first. */
    private static void refuseAny(String field, String value, IntPredicate bad, String what) {
        value.codePoints().filter(bad).findFirst().ifPresent(cp -> {
            throw new BadRequestException(field, "`" + field + "` must not contain " + what + ", found " + codePoint(cp));
        });
    }

    /** Whether anything remains once whitespace, control, format and combining characters are set aside. */
    private static boolean visible(String s) {
        return s.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.CONTROL
                    && type != Character.FORMAT && type != Character.NON_SPACING_MARK
                    && type != Character.ENCLOSING_MARK && type != Character.UNASSIGNED && cp != 0xFFFD;
        });
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane: never text. */
    private static boolean noncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static BadRequestException tooLong(String field, int max) {
        return new BadRequestException(field, "`" + field + "` must be at most " + max + " characters");
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static String quoted(String raw) {
        if (raw == null) {
            return "nothing";
        }
        return "`" + (raw.codePointCount(0, raw.length()) > 40 ? raw.substring(0, raw.offsetByCodePoints(0, 40)) + "..."
                : raw) + "`";
    }
}
