package org.mmkgrec.loader.lastfm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
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
 * Reads a KGCN-format directory, e.g. the KGCN papers' Last.FM + Satori directory
 * ({@code ../shared/data/lastfm-kg}).
 *
 * <p>Required: {@code ratings_final.txt} ({@code user<TAB>item<TAB>label}),
 * {@code item_index2entity_id.txt} and a KG, {@code kg.txt} (Satori relation names) or
 * {@code kg_final.txt} (integer relation ids, named {@code rel_<id>} here so that every relation is
 * a plain Cypher relationship type). Everything else is optional and only adds to the graph:
 * {@code item_text.tsv} (names and text content), {@code user_artists.dat} and
 * {@code hetrec/{tags,user_taggedartists}.dat} (HetRec user ids and tags), {@code splits/*} (the
 * papers' stored splits; drawn here when absent, see {@link Config}). A missing required file
 * stops the read before any record reaches the sink, naming the file and listing the optional ones.
 *
 * <p>Items are {@code 0..n-1} (line order of {@code item_index2entity_id.txt}, whose lines are
 * {@code artistId<TAB>itemIndex}); KG entity {@code i} is item {@code i}. Users are KGCN's
 * re-indexing of HetRec users: numbered in order of first appearance in {@code user_artists.dat}
 * among rows whose artist is an item. The reader re-derives that mapping and verifies it (each
 * user's positives in {@code ratings_final.txt} must equal their item rows in
 * {@code user_artists.dat}) before it attaches HetRec ids and user tags; if it does not verify,
 * tags are left out and the result says so.
 */
public final class LastFmReader {

    /**
     * @param split {@code none} (ratings_final.txt, every row training data), {@code kgcn} (KGCN's
     *     6:2:2 train/eval/test split: {@code splits/kgcn_seed555_{train,eval,test}.txt} when present,
     *     else drawn, see {@link #seed}) or {@code mcclk} (MCCLK's 8:2 train/test split:
     *     {@code splits/mcclk_seed2020_{train,test}.txt} when present, else drawn)
     * @param namedRelations read {@code kg.txt} (Satori relation names, default) rather than
     *     {@code kg_final.txt}; whichever is wanted, the other one is read when it is the only one there
     * @param seed the seed of a drawn split; null: the split's own seed (555 for {@code kgcn}, 2020 for
     *     {@code mcclk}). The stored split files are what the papers' code draws with numpy and the
     *     split's own seed, so they are used only with that seed. A split drawn here shuffles the row
     *     indexes of {@code ratings_final.txt} with {@code java.util.Random(seed)} (Fisher-Yates) and
     *     takes {@code floor(0.2 n)} rows as EVAL (kgcn only), the next {@code floor(0.2 n)} as TEST
     *     and the rest as TRAIN: KGCN's proportions and rounding, reproducible on any JVM, but not
     *     the rows that numpy's generator picks, so it is not identical to KGCN's own files
     */
    public record Config(Path dir, String split, boolean namedRelations, Long seed) {
        public Config {
            if (!List.of("none", "kgcn", "mcclk").contains(split)) {
                throw new IllegalArgumentException("`split` must be none, kgcn or mcclk, was `" + split + "`");
            }
        }

        /** The split's own seed. */
        public Config(Path dir, String split, boolean namedRelations) {
            this(dir, split, namedRelations, null);
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

    /** The files a KGCN-format directory must have besides its KG ({@code kg.txt} or {@code kg_final.txt}). */
    static final List<String> REQUIRED = List.of("ratings_final.txt", "item_index2entity_id.txt");

    /** The files read when present. */
    static final List<String> OPTIONAL = List.of("item_text.tsv", "user_artists.dat", "hetrec/tags.dat",
            "hetrec/user_taggedartists.dat", "splits/kgcn_seed555_{train,eval,test}.txt",
            "splits/mcclk_seed2020_{train,test}.txt");

    private static final long KGCN_SEED = 555;
    private static final long MCCLK_SEED = 2020;

    public Result read(MmkgSink sink) {
        Path dir = config.dir();
        requireFiles(dir);
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

    /** Stops before anything is read when a required file is missing (whatever the error policy). */
    private static void requireFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!Files.isRegularFile(dir.resolve("kg.txt")) && !Files.isRegularFile(dir.resolve("kg_final.txt"))) {
            missing.add("kg.txt or kg_final.txt");
        }
        if (!missing.isEmpty()) {
            throw new InputException(dir, 0, null, "missing required file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ". A KGCN-format directory needs ratings_final.txt, "
                    + "item_index2entity_id.txt and kg.txt or kg_final.txt; optional: " + String.join(", ", OPTIONAL));
        }
    }

    private Map<String, Integer> readItemIndex(Path file) {
        Map<String, Integer> itemOfArtist = new LinkedHashMap<>();
        Map<String, Long> lineOfArtist = new HashMap<>();
        lines(file, (n, f) -> {
            if (f.length != 2) {
                errors.report(file, n, null, "expected artistId<TAB>itemIndex, got " + f.length + " fields");
                return;
            }
            if (f[0].isBlank()) {
                errors.report(file, n, "artistId", "empty id");
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
            Long before = lineOfArtist.putIfAbsent(f[0], n);
            if (before != null) {
                errors.report(file, n, "artistId", "duplicate id `" + f[0] + "` (first on line " + before + ")");
                return;
            }
            // KGCN's entity i is item i: registered so that extra link files cannot link it elsewhere
            String id = Integer.toString(item);
            if (errors.rules().link(file, n, "itemIndex", "itemIndex", new ItemLink(id, id))) {
                itemOfArtist.put(f[0], item);
            }
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
            if (f[2].isBlank()) {
                errors.report(file, n, "name", "empty");
                return;
            }
            if (!errors.rules().content(file, n, "item_index", new ItemContent(Integer.toString(item), "text", null, null))) {
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
        if (config.split().equals("none")) {
            return readRatingFiles(Map.of(dir.resolve("ratings_final.txt"), Split.ALL), itemCount);
        }
        boolean kgcn = config.split().equals("kgcn");
        long ownSeed = kgcn ? KGCN_SEED : MCCLK_SEED;
        long seed = config.seed() == null ? ownSeed : config.seed();
        Map<Path, Split> stored = new LinkedHashMap<>();
        if (kgcn) {
            stored.put(dir.resolve("splits/kgcn_seed555_train.txt"), Split.TRAIN);
            stored.put(dir.resolve("splits/kgcn_seed555_eval.txt"), Split.EVAL);
            stored.put(dir.resolve("splits/kgcn_seed555_test.txt"), Split.TEST);
        } else {
            stored.put(dir.resolve("splits/mcclk_seed2020_train.txt"), Split.TRAIN);
            stored.put(dir.resolve("splits/mcclk_seed2020_test.txt"), Split.TEST);
        }
        List<Path> absent = stored.keySet().stream().filter(f -> !Files.isRegularFile(f)).toList();
        if (seed == ownSeed && absent.isEmpty()) {
            return readRatingFiles(stored, itemCount);
        }
        if (seed == ownSeed && absent.size() < stored.size()) {
            // half a stored split is more likely a broken copy than a wish for a drawn one
            throw new InputException(absent.get(0), 0, null, "missing: split `" + config.split()
                    + "` reads all of " + stored.keySet().stream().map(f -> f.getFileName().toString()).toList()
                    + " when any is present (none present: the split is drawn from ratings_final.txt)");
        }
        return draw(readRatingFiles(Map.of(dir.resolve("ratings_final.txt"), Split.ALL), itemCount), kgcn, seed);
    }

    /**
     * KGCN's / MCCLK's random split of the rows, redrawn with {@code java.util.Random} (see
     * {@link Config#seed}); rows keep their file order.
     */
    static List<Interaction> draw(List<Interaction> rows, boolean withEval, long seed) {
        int n = rows.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // KGCN: int(n * 0.2) eval, then int(n * 0.2) test; MCCLK: int(n * 0.2) test
        int nEval = withEval ? (int) (n * 0.2) : 0;
        int nTest = (int) (n * 0.2);
        Split[] split = new Split[n];
        for (int r = 0; r < n; r++) {
            split[order[r]] = r < nEval ? Split.EVAL : r < nEval + nTest ? Split.TEST : Split.TRAIN;
        }
        List<Interaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Interaction x = rows.get(i);
            out.add(new Interaction(x.userId(), x.itemId(), x.label(), x.rating(), x.timestamp(), split[i]));
        }
        return out;
    }

    /**
     * The rows of the rating files. KGCN numbers users 0,1,2... and every user has rows, so a user
     * index at or above the number of rows cannot be right (and would create that many users): such
     * rows are bad records, reported once all rows are counted.
     */
    private List<Interaction> readRatingFiles(Map<Path, Split> files, int itemCount) {
        List<Interaction> out = new ArrayList<>();
        List<Path> fileOfRow = new ArrayList<>();
        long[][] lineOfRow = {new long[1024]};
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
                if (out.size() == lineOfRow[0].length) {
                    lineOfRow[0] = java.util.Arrays.copyOf(lineOfRow[0], 2 * out.size());
                }
                lineOfRow[0][out.size()] = n;
                fileOfRow.add(file);
                out.add(new Interaction(Integer.toString(user), Integer.toString(item), label, Double.NaN, -1, split));
            }
        }));
        int rows = out.size();
        List<Interaction> kept = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Interaction x = out.get(r);
            if (Integer.parseInt(x.userId()) >= rows) {
                errors.report(fileOfRow.get(r), lineOfRow[0][r], "user", "user index " + x.userId()
                        + " out of range: users are numbered 0,1,2... and there are only " + rows + " rows");
            } else {
                kept.add(x);
            }
        }
        return kept;
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
        // a second read: its bad lines were reported by the first
        TextLines.read(ratings, StandardCharsets.UTF_8, new InputErrors(ErrorPolicy.SKIP), (n, line) -> {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && f[2].trim().equals("1")) {
                try {
                    positives.merge(Integer.parseInt(f[0].trim()), 1, Integer::sum);
                } catch (NumberFormatException e) {
                    // reported by the first read
                }
            }
        });
        if (indexOfHetrec.size() != userCount || !rows.equals(positives)) {
            return Map.of();
        }
        Map<Integer, String> hetrecOf = new HashMap<>();
        indexOfHetrec.forEach((hetrec, idx) -> hetrecOf.put(idx, hetrec));
        return hetrecOf;
    }

    /**
     * {@code kg.txt} keeps Satori's relation names; {@code kg_final.txt}'s integer relation {@code r}
     * becomes {@code rel_r} (a relationship type named {@code 12} would need backticks in every query).
     */
    private long readKg(Path dir, MmkgSink sink) {
        Path named = dir.resolve("kg.txt");
        Path numbered = dir.resolve("kg_final.txt");
        boolean useNamed = Files.isRegularFile(named) && (config.namedRelations() || !Files.isRegularFile(numbered));
        Path file = useNamed ? named : numbered;
        long[] count = {0};
        lines(file, (n, f) -> {
            if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
                errors.report(file, n, null, "expected head<TAB>relation<TAB>tail");
                return;
            }
            if (integer(file, n, "head", f[0]) == null || integer(file, n, "tail", f[2]) == null) {
                return;
            }
            String relation = f[1];
            if (!useNamed) {
                Integer id = integer(file, n, "relation", f[1]);
                if (id == null) {
                    return;
                }
                relation = "rel_" + id;
            }
            sink.triple(new Triple(f[0], relation, f[2]));
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
        // (user, item, tag) -> count and first day, in a deterministic order
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, java.time.LocalDate> first = new HashMap<>();
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
            String key = user + "\t" + item + "\t" + f[2];
            counts.merge(key, 1, Integer::sum);
            java.time.LocalDate day = f.length >= 6 ? date(uta, n, f[3], f[4], f[5]) : null;
            if (day != null) {
                first.merge(key, day, (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        counts.forEach((key, c) -> {
            String[] k = key.split("\t");
            sink.tagUse(new TagUse(k[0], k[1], k[2], tagName.get(k[2]), c, first.get(key)));
        });
        return new long[] {counts.size(), skipped[0]};
    }

    /** The date of a tag assignment (day, month, year fields); reported and null when it is not one. */
    private java.time.LocalDate date(Path file, long line, String day, String month, String year) {
        try {
            return java.time.LocalDate.of(Integer.parseInt(year.trim()), Integer.parseInt(month.trim()),
                    Integer.parseInt(day.trim()));
        } catch (RuntimeException e) {
            errors.report(file, line, "day", "not a date: `" + day + "-" + month + "-" + year + "`");
            return null;
        }
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

    private void lines(Path file, LineHandler handler) {
        lines(file, StandardCharsets.UTF_8, handler);
    }

    private void lines(Path file, java.nio.charset.Charset charset, LineHandler handler) {
        TextLines.read(file, charset, errors, (n, line) -> handler.line(n, line.split("\t", -1)));
    }
}
