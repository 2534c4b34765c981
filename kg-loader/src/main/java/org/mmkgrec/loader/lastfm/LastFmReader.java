package org.mmkgrec.loader.lastfm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.TagUse;
import org.mmkgrec.loader.source.TextLines;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.source.UserInfo;

/**
 * Reads the KGCN papers' Last.FM + Satori directory ({@code ../shared/data/lastfm-kg}).
 *
 * <p>Items are {@code 0..n-1} (line order of {@code item_index2entity_id.txt}, whose lines are
 * {@code artistId<TAB>itemIndex}); Satori entity {@code i} is item {@code i}. Users are KGCN's
 * re-indexing of HetRec users: numbered in order of first appearance in {@code user_artists.dat}
 * among rows whose artist is an item. The reader re-derives that mapping and verifies it (each
 * user's positives in {@code ratings_final.txt} must equal their item rows in
 * {@code user_artists.dat}) before it attaches HetRec ids and user tags; if it does not verify,
 * tags are left out and the result says so.
 */
public final class LastFmReader {

    /**
     * @param split {@code none} (ratings_final.txt, every row training data), {@code kgcn}
     *     (splits/kgcn_seed555_{train,eval,test}.txt) or {@code mcclk} (splits/mcclk_seed2020_{train,test}.txt)
     * @param namedRelations read {@code kg.txt} (Satori relation names, default) instead of {@code kg_final.txt}
     */
    public record Config(Path dir, String split, boolean namedRelations) {
        public Config {
            if (!List.of("none", "kgcn", "mcclk").contains(split)) {
                throw new IllegalArgumentException("`split` must be none, kgcn or mcclk, was `" + split + "`");
            }
        }
    }

    /** Counts of what was read; {@code userMappingVerified} false means no tags and no HetRec ids. */
    public record Result(int users, int items, long interactions, long triples, long tagUses, long tagsSkipped,
                         boolean userMappingVerified) {}

    private final Config config;
    private final InputErrors errors;

    public LastFmReader(Config config, InputErrors errors) {
        this.config = config;
        this.errors = errors;
    }

    public Result read(MmkgSink sink) {
        Path dir = config.dir();
        Map<String, Integer> itemOfArtist = readItemIndex(dir.resolve("item_index2entity_id.txt"));
        int itemCount = itemOfArtist.size();
        Map<Integer, String[]> text = readItemText(dir.resolve("item_text.tsv"), itemCount);

        List<Interaction> interactions = readInteractions(dir, itemCount);
        int userCount = interactions.stream().mapToInt(x -> Integer.parseInt(x.userId())).max().orElse(-1) + 1;

        Map<Integer, String> hetrecIdOfUser = deriveUserMapping(dir, itemOfArtist, userCount);
        for (int u = 0; u < userCount; u++) {
            String sourceId = hetrecIdOfUser.get(u);
            sink.user(new UserInfo(Integer.toString(u), sourceId == null ? Map.of() : Map.of("sourceId", sourceId)));
        }
        Map<Integer, String> artistOfItem = new HashMap<>();
        itemOfArtist.forEach((artist, item) -> artistOfItem.put(item, artist));
        for (int i = 0; i < itemCount; i++) {
            String[] t = text.get(i);
            String name = t != null ? t[0] : null;
            sink.item(new ItemInfo(Integer.toString(i), name, Map.of("artistId", artistOfItem.get(i))));
            sink.link(new ItemLink(Integer.toString(i), Integer.toString(i)));
            if (t != null) {
                sink.content(new ItemContent(Integer.toString(i), "text", t[1], null));
            }
        }
        interactions.forEach(sink::interaction);
        long triples = readKg(dir, sink);
        long[] tags = hetrecIdOfUser.isEmpty() ? new long[2] : readTags(dir, itemOfArtist, hetrecIdOfUser, sink);
        return new Result(userCount, itemCount, interactions.size(), triples, tags[0], tags[1], !hetrecIdOfUser.isEmpty());
    }

    private Map<String, Integer> readItemIndex(Path file) {
        Map<String, Integer> itemOfArtist = new LinkedHashMap<>();
        lines(file, (n, f) -> {
            if (f.length != 2) {
                errors.report(file, n, null, "expected artistId<TAB>itemIndex, got " + f.length + " fields");
                return;
            }
            Integer item = integer(file, n, "itemIndex", f[1]);
            if (item == null) {
                return;
            }
            if (item != itemOfArtist.size()) {
                errors.report(file, n, "itemIndex", "item indexes must be 0,1,2... in line order, got " + item);
                return;
            }
            itemOfArtist.put(f[0], item);
        });
        return itemOfArtist;
    }

    /** item -> [name, text "name. Tags: a, b, c"]. */
    private Map<Integer, String[]> readItemText(Path file, int itemCount) {
        Map<Integer, String[]> text = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return text;
        }
        lines(file, (n, f) -> {
            if (n == 1 && f[0].equals("item_index")) {
                return;
            }
            if (f.length < 3) {
                errors.report(file, n, null, "expected item_index, artist_id, name, top_tags, picture_url");
                return;
            }
            Integer item = integer(file, n, "item_index", f[0]);
            if (item == null) {
                return;
            }
            if (item < 0 || item >= itemCount) {
                errors.report(file, n, "item_index", "unknown item " + item + " (items are 0.." + (itemCount - 1) + ")");
                return;
            }
            List<String> tags = new ArrayList<>();
            if (f.length > 3 && !f[3].isBlank()) {
                for (String tc : f[3].split(";")) {
                    int colon = tc.lastIndexOf(':');
                    tags.add(colon > 0 ? tc.substring(0, colon) : tc);
                }
            }
            String name = f[2];
            text.put(item, new String[] {name, tags.isEmpty() ? name + "." : name + ". Tags: " + String.join(", ", tags)});
        });
        return text;
    }

    private List<Interaction> readInteractions(Path dir, int itemCount) {
        Map<Path, Split> files = new LinkedHashMap<>();
        switch (config.split()) {
            case "kgcn" -> {
                files.put(dir.resolve("splits/kgcn_seed555_train.txt"), Split.TRAIN);
                files.put(dir.resolve("splits/kgcn_seed555_eval.txt"), Split.EVAL);
                files.put(dir.resolve("splits/kgcn_seed555_test.txt"), Split.TEST);
            }
            case "mcclk" -> {
                files.put(dir.resolve("splits/mcclk_seed2020_train.txt"), Split.TRAIN);
                files.put(dir.resolve("splits/mcclk_seed2020_test.txt"), Split.TEST);
            }
            default -> files.put(dir.resolve("ratings_final.txt"), Split.ALL);
        }
        List<Interaction> out = new ArrayList<>();
        files.forEach((file, split) -> lines(file, (n, f) -> {
            if (f.length != 3) {
                errors.report(file, n, null, "expected user<TAB>item<TAB>label, got " + f.length + " fields");
                return;
            }
            Integer user = integer(file, n, "user", f[0]);
            Integer item = integer(file, n, "item", f[1]);
            Integer label = integer(file, n, "label", f[2]);
            if (user == null || item == null || label == null) {
                return;
            }
            if (user < 0) {
                errors.report(file, n, "user", "negative user index " + user);
            } else if (item < 0 || item >= itemCount) {
                errors.report(file, n, "item", "unknown item " + item + " (items are 0.." + (itemCount - 1) + ")");
            } else if (label != 0 && label != 1) {
                errors.report(file, n, "label", "must be 0 or 1, was " + label);
            } else {
                out.add(new Interaction(Integer.toString(user), Integer.toString(item), label, Double.NaN, -1, split));
            }
        }));
        return out;
    }

    /**
     * KGCN's user numbering re-derived from user_artists.dat; empty when it cannot be verified
     * against ratings_final.txt (then HetRec ids and tags stay out rather than being guessed).
     */
    private Map<Integer, String> deriveUserMapping(Path dir, Map<String, Integer> itemOfArtist, int userCount) {
        Path ua = dir.resolve("user_artists.dat");
        Path ratings = dir.resolve("ratings_final.txt");
        if (!Files.isRegularFile(ua) || !Files.isRegularFile(ratings)) {
            return Map.of();
        }
        Map<String, Integer> indexOfHetrec = new LinkedHashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        lines(ua, (n, f) -> {
            if (n == 1 || f.length < 2 || !itemOfArtist.containsKey(f[1])) {
                return;
            }
            int u = indexOfHetrec.computeIfAbsent(f[0], k -> indexOfHetrec.size());
            rows.merge(u, 1, Integer::sum);
        });
        Map<Integer, Integer> positives = new HashMap<>();
        lines(ratings, (n, f) -> {
            if (f.length == 3 && f[2].equals("1")) {
                positives.merge(Integer.parseInt(f[0]), 1, Integer::sum);
            }
        });
        if (indexOfHetrec.size() != userCount || !rows.equals(positives)) {
            return Map.of();
        }
        Map<Integer, String> hetrecOf = new HashMap<>();
        indexOfHetrec.forEach((hetrec, idx) -> hetrecOf.put(idx, hetrec));
        return hetrecOf;
    }

    private long readKg(Path dir, MmkgSink sink) {
        Path file = dir.resolve(config.namedRelations() ? "kg.txt" : "kg_final.txt");
        long[] count = {0};
        lines(file, (n, f) -> {
            if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
                errors.report(file, n, null, "expected head<TAB>relation<TAB>tail");
                return;
            }
            if (integer(file, n, "head", f[0]) == null || integer(file, n, "tail", f[2]) == null) {
                return;
            }
            sink.triple(new Triple(f[0], f[1], f[2]));
            count[0]++;
        });
        return count[0];
    }

    /** @return {tag uses emitted, rows skipped because the user or artist is not in the data set} */
    private long[] readTags(Path dir, Map<String, Integer> itemOfArtist, Map<Integer, String> hetrecOf, MmkgSink sink) {
        Path tagsFile = dir.resolve("hetrec/tags.dat");
        Path uta = dir.resolve("hetrec/user_taggedartists.dat");
        if (!Files.isRegularFile(tagsFile) || !Files.isRegularFile(uta)) {
            return new long[2];
        }
        Map<String, String> tagName = new HashMap<>();
        // HetRec's tags.dat is ISO-8859-1 (e.g. "tropic\u00e1lia"), unlike the UTF-8 files around it
        lines(tagsFile, StandardCharsets.ISO_8859_1, (n, f) -> {
            if (n > 1 && f.length >= 2) {
                tagName.put(f[0], f[1]);
            }
        });
        Map<String, Integer> userOfHetrec = new HashMap<>();
        hetrecOf.forEach((idx, hetrec) -> userOfHetrec.put(hetrec, idx));
        // (user, item, tag) -> count, in a deterministic order
        Map<String, Integer> counts = new TreeMap<>();
        long[] skipped = {0};
        lines(uta, (n, f) -> {
            if (n == 1) {
                return;
            }
            if (f.length < 3) {
                errors.report(uta, n, null, "expected userID, artistID, tagID, day, month, year");
                return;
            }
            Integer user = userOfHetrec.get(f[0]);
            Integer item = itemOfArtist.get(f[1]);
            if (user == null || item == null || !tagName.containsKey(f[2])) {
                skipped[0]++;
                return;
            }
            counts.merge(user + "\t" + item + "\t" + f[2], 1, Integer::sum);
        });
        counts.forEach((key, c) -> {
            String[] k = key.split("\t");
            sink.tagUse(new TagUse(k[0], k[1], k[2], tagName.get(k[2]), c));
        });
        return new long[] {counts.size(), skipped[0]};
    }

    private Integer integer(Path file, long line, String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.report(file, line, field, "not an integer: `" + value + "`");
            return null;
        }
    }

    @FunctionalInterface
    private interface LineHandler {
        void line(long number, String[] fields);
    }

    private static void lines(Path file, LineHandler handler) {
        lines(file, StandardCharsets.UTF_8, handler);
    }

    private static void lines(Path file, java.nio.charset.Charset charset, LineHandler handler) {
        TextLines.read(file, charset, (n, line) -> handler.line(n, line.split("\t", -1)));
    }
}
