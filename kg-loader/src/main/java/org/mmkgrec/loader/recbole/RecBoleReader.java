package org.mmkgrec.loader.recbole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.TextLines;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.source.UserInfo;

/**
 * Reads RecBole atomic files {@code <dir>/<dataset>.{inter,item,user,kg,link}} (only {@code .inter}
 * is required). Headers are {@code name:type} with types token, token_seq, float, float_seq; fields
 * are found by name ({@code user_id}, {@code item_id}, {@code rating}, {@code timestamp},
 * {@code label}, {@code head_id}, {@code relation_id}, {@code tail_id}, {@code entity_id}).
 * An interaction is a positive when its {@code label} is at least 0.5, else when its {@code rating}
 * is at or above the rating threshold (so a threshold at or below the smallest rating makes every
 * rated interaction a positive), else (no label, no rating: implicit feedback) always.
 *
 * <p>Split {@code time811}: per user, interactions ordered by timestamp (ties by item id, so no
 * randomness is involved); the last {@code round(0.1 n)} (at least 1) are TEST, the
 * {@code round(0.1 n)} (at least 1) before them EVAL, the rest TRAIN, rounding half up. Users with
 * fewer than 3 interactions keep all of them in TRAIN.
 *
 * <p>Split {@code random811}: RecBole's {@code split: {RS: [0.8, 0.1, 0.1]}, order: RO,
 * group_by: user}. Per user, the interactions are shuffled, then cut with RecBole's own counts
 * ({@code Dataset._calcu_split_ids}): EVAL and TEST get {@code floor(0.1 n)} each and TRAIN the rest;
 * then, test part first, a part whose share {@code 0.1 n} lies strictly between 0 and 1 takes one
 * interaction from TRAIN as long as TRAIN keeps more than one (n = 3: 1/1/1, 5: 3/1/1, 10: 8/1/1,
 * 19: 17/1/1, 20: 16/2/2). Users with fewer than 3 interactions keep all of them in TRAIN (RecBole
 * would put one of 2 into its test part). The shuffle is made reproducible rather than
 * torch-identical: users in id order, each user's rows sorted by item id, timestamp, rating and
 * label, then a Fisher-Yates shuffle driven by one {@code java.util.Random} seeded with
 * {@value #RANDOM811_SEED} (RecBole's default seed), whose sequence Java specifies, so the same file
 * gives the same split on every run and JVM, whatever the order of its lines.
 *
 * <p>Split {@code files}: RecBole's {@code benchmark_filename} convention. The interactions are
 * {@code <dataset>.train.inter} (TRAIN), {@code <dataset>.valid.inter} (EVAL) and
 * {@code <dataset>.test.inter} (TEST), all three required, headers as in {@code <dataset>.inter},
 * which is then not read; {@code .item .user .kg .link} come from {@code <dataset>.*} as usual.
 */
public final class RecBoleReader {

    /** The seed of split {@code random811}: RecBole's default {@code seed}. */
    public static final long RANDOM811_SEED = 2020;

    /** The splits this reader knows. */
    public static final List<String> SPLITS = List.of("none", "time811", "random811", "files");

    /** The suffixes of RecBole's benchmark files, in split order TRAIN, EVAL, TEST. */
    private static final List<String> BENCHMARK_SUFFIXES = List.of("train.inter", "valid.inter", "test.inter");

    /**
     * @param dataset the file name prefix; null: taken from the first {@code *.inter} file by name
     *     (the benchmark files {@code <dataset>.{train,valid,test}.inter} count as {@code <dataset>})
     * @param ratingThreshold ratings at or above it are positives (default 4.0); a {@code label} field wins
     * @param nameField the .item field that names an item; null: the first field whose name contains
     *     "title" or "name"
     * @param split {@code none}, {@code time811}, {@code random811} or {@code files} (see the class comment)
     */
    public record Config(Path dir, String dataset, double ratingThreshold, String nameField, String split) {
        public Config {
            if (!SPLITS.contains(split)) {
                throw new IllegalArgumentException("`split` must be one of " + SPLITS + ", was `" + split + "`");
            }
            if (!Double.isFinite(ratingThreshold)) {
                throw new IllegalArgumentException("`ratingThreshold` must be a finite number, was " + ratingThreshold);
            }
            if (dataset == null) {
                dataset = detectDataset(dir);
            }
        }
    }

    public record Result(int users, int items, long interactions, long triples, long links) {}

    /**
     * Node properties the loader and the graph model write themselves: a .item or .user column of
     * that name would overwrite them (an {@code id} column would even break the id's uniqueness), so
     * such a header stops the load. {@code name} is reserved on items unless it is the name field.
     */
    static final Set<String> RESERVED_ITEM_FIELDS = Set.of("id", "name", "entityid", "popularity", "degree");
    static final Set<String> RESERVED_USER_FIELDS = Set.of("id");

    /** Largest timestamp kept exactly: beyond it a long would overflow. */
    private static final double MAX_TIMESTAMP = 0x1p63;

    private final Config config;
    private final InputErrors errors;

    public RecBoleReader(Config config, InputErrors errors) {
        this.config = config;
        this.errors = errors;
    }

    public Result read(MmkgSink sink) {
        Map<String, Long> itemLines = new LinkedHashMap<>();
        Map<String, Map<String, String>> items = readTable(file("item"), "item_id", itemLines);
        Map<String, Map<String, String>> users = readTable(file("user"), "user_id", new LinkedHashMap<>());
        List<Interaction> interactions = readInteractions(items.isEmpty() ? null : items.keySet());

        Set<String> userIds = new LinkedHashSet<>(users.keySet());
        interactions.forEach(x -> userIds.add(x.userId()));
        for (String u : userIds) {
            sink.user(new UserInfo(u, attributes(users.get(u), "user_id")));
        }
        Set<String> itemIds = new LinkedHashSet<>(items.keySet());
        interactions.forEach(x -> itemIds.add(x.itemId()));
        String nameField = nameField(items);
        checkReserved(file("item"), itemHeader, RESERVED_ITEM_FIELDS, nameField);
        checkReserved(file("user"), userHeader, RESERVED_USER_FIELDS, null);
        for (String i : itemIds) {
            Map<String, String> row = items.get(i);
            String name = row == null || nameField == null ? null : row.get(nameField);
            sink.item(new ItemInfo(i, name, attributes(row, "item_id")));
            if (row != null) {
                ItemContent content = new ItemContent(i, "text", text(row, nameField), null);
                if (errors.rules().content(file("item"), itemLines.get(i), "item_id", content)) {
                    sink.content(content);
                }
            }
        }
        split(interactions).forEach(sink::interaction);
        long triples = readTriples(sink);
        long links = readLinks(sink, itemIds);
        return new Result(userIds.size(), itemIds.size(), interactions.size(), triples, links);
    }

    private Path file(String suffix) {
        return config.dir().resolve(config.dataset() + "." + suffix);
    }

    private static String detectDataset(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".inter"))
                    .map(RecBoleReader::datasetOf).sorted().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no RecBole .inter file in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** {@code ml-100k.inter} and {@code ml-100k.train.inter} are both files of {@code ml-100k}. */
    private static String datasetOf(String interFile) {
        for (String suffix : BENCHMARK_SUFFIXES) {
            if (interFile.endsWith("." + suffix) && interFile.length() > suffix.length() + 1) {
                return interFile.substring(0, interFile.length() - suffix.length() - 1);
            }
        }
        return interFile.substring(0, interFile.length() - ".inter".length());
    }

    /** The header fields of the .item and .user files (empty when absent), for the reserved names. */
    private List<String> itemHeader = List.of();
    private List<String> userHeader = List.of();

    /** A table keyed by its id field; each row maps field name (without type) to value. */
    private Map<String, Map<String, String>> readTable(Path file, String key, Map<String, Long> lineOfId) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> header = rows(file, List.of(key), (n, row) -> {
            String id = row.get(key);
            if (id.isBlank()) {
                errors.report(file, n, key, "empty id");
            } else if (rows.containsKey(id)) {
                errors.report(file, n, key, "duplicate id `" + id + "` (first on line " + lineOfId.get(id) + ")");
            } else {
                rows.put(id, row);
                lineOfId.put(id, n);
            }
        });
        if (key.equals("item_id")) {
            itemHeader = header;
        } else {
            userHeader = header;
        }
        return rows;
    }

    /** Stops (whatever the policy: a column is not a record) when a column would overwrite a property of the graph model. */
    private static void checkReserved(Path file, List<String> header, Set<String> reserved, String nameField) {
        for (String field : header) {
            String f = field.toLowerCase(Locale.ROOT);
            if (reserved.contains(f) && !(f.equals("name") && field.equals(nameField))) {
                throw new InputException(file, 1, field, "reserved name: the loader writes this property itself"
                        + " (reserved: " + new java.util.TreeSet<>(reserved) + "); rename the column");
            }
        }
    }

    private List<Interaction> readInteractions(Set<String> knownItems) {
        if (config.split().equals("files")) {
            List<Interaction> out = new ArrayList<>();
            List<Split> parts = List.of(Split.TRAIN, Split.EVAL, Split.TEST);
            for (int i = 0; i < parts.size(); i++) {
                Path file = file(BENCHMARK_SUFFIXES.get(i));
                if (!Files.isRegularFile(file)) {
                    throw new InputException(file, 0, null, "missing: split `files` reads " + config.dataset()
                            + ".{train,valid,test}.inter (RecBole's benchmark_filename convention)");
                }
                out.addAll(readInteractions(file, parts.get(i), knownItems));
            }
            return out;
        }
        Path file = file("inter");
        if (!Files.isRegularFile(file)) {
            boolean benchmark = BENCHMARK_SUFFIXES.stream().anyMatch(suffix -> Files.isRegularFile(file(suffix)));
            throw new IllegalArgumentException("no interactions file " + file
                    + (benchmark ? " (there are benchmark files " + config.dataset()
                            + ".{train,valid,test}.inter: use split `files`)" : ""));
        }
        return readInteractions(file, Split.ALL, knownItems);
    }

    private List<Interaction> readInteractions(Path file, Split split, Set<String> knownItems) {
        List<Interaction> out = new ArrayList<>();
        rows(file, List.of("user_id", "item_id"), (n, row) -> {
            String user = row.get("user_id");
            String item = row.get("item_id");
            if (user.isBlank()) {
                errors.report(file, n, "user_id", "empty id");
                return;
            }
            if (item.isBlank()) {
                errors.report(file, n, "item_id", "empty id");
                return;
            }
            if (knownItems != null && !knownItems.contains(item)) {
                errors.report(file, n, "item_id", "unknown item `" + item + "` (not in " + file("item").getFileName() + ")");
                return;
            }
            Double rating = number(file, n, "rating", row.get("rating"));
            Double timestamp = number(file, n, "timestamp", row.get("timestamp"));
            Double label = number(file, n, "label", row.get("label"));
            if (rating == null || timestamp == null || label == null) {
                return;
            }
            if (timestamp < 0 || timestamp >= MAX_TIMESTAMP) {
                errors.report(file, n, "timestamp", "out of range: " + row.get("timestamp").trim()
                        + " (seconds since 1970, 0 to 2^63)");
                return;
            }
            int y;
            if (!label.isNaN()) {
                y = label >= 0.5 ? 1 : 0;
            } else if (!rating.isNaN()) {
                y = rating >= config.ratingThreshold() ? 1 : 0;
            } else {
                y = 1; // implicit feedback: an interaction is a positive
            }
            out.add(new Interaction(user, item, y, rating, timestamp.isNaN() ? -1 : timestamp.longValue(), split));
        });
        return out;
    }

    /** Applies the chosen split (see the class comment); the order of the returned list is the file's. */
    List<Interaction> split(List<Interaction> interactions) {
        if (config.split().equals("none") || config.split().equals("files")) {
            return interactions;
        }
        Split[] assigned = config.split().equals("time811") ? byTime(interactions) : byShuffle(interactions);
        return withSplits(interactions, assigned);
    }

    /**
     * The {@code time811} split (see the class comment) of interactions read with any split: a copy of
     * each with its split set, in the order given. Public so that derived data sets (the sparse
     * variants of {@code org.mmkgrec.loader.derive}) cut exactly the same EVAL and TEST parts.
     */
    public static List<Interaction> time811(List<Interaction> interactions) {
        return withSplits(interactions, byTime(interactions));
    }

    private static List<Interaction> withSplits(List<Interaction> interactions, Split[] assigned) {
        List<Interaction> out = new ArrayList<>(interactions.size());
        for (int i = 0; i < interactions.size(); i++) {
            Interaction x = interactions.get(i);
            out.add(new Interaction(x.userId(), x.itemId(), x.label(), x.rating(), x.timestamp(), assigned[i]));
        }
        return out;
    }

    private static Split[] byTime(List<Interaction> interactions) {
        Split[] assigned = new Split[interactions.size()];
        for (List<Integer> idx : rowsByUser(interactions).values()) {
            idx.sort(Comparator.<Integer>comparingLong(i -> interactions.get(i).timestamp())
                    .thenComparing(i -> interactions.get(i).itemId()));
            int n = idx.size();
            int nTest = n < 3 ? 0 : Math.max(1, (int) Math.round(0.1 * n));
            int nEval = n < 3 ? 0 : Math.max(1, (int) Math.round(0.1 * n));
            for (int r = 0; r < n; r++) {
                assigned[idx.get(r)] = r >= n - nTest ? Split.TEST : r >= n - nTest - nEval ? Split.EVAL : Split.TRAIN;
            }
        }
        return assigned;
    }

    private static Split[] byShuffle(List<Interaction> interactions) {
        Split[] assigned = new Split[interactions.size()];
        Random random = new Random(RANDOM811_SEED);
        for (List<Integer> idx : new TreeMap<>(rowsByUser(interactions)).values()) {
            idx.sort(Comparator.<Integer, String>comparing(i -> interactions.get(i).itemId())
                    .thenComparingLong(i -> interactions.get(i).timestamp())
                    .thenComparingDouble(i -> interactions.get(i).rating())
                    .thenComparingInt(i -> interactions.get(i).label())
                    .thenComparingInt(i -> i));
            int n = idx.size();
            if (n < 3) {
                idx.forEach(i -> assigned[i] = Split.TRAIN);
                continue;
            }
            for (int i = n - 1; i > 0; i--) {
                Collections.swap(idx, i, random.nextInt(i + 1));
            }
            int[] counts = recBoleCounts(n, new double[] {0.8, 0.1, 0.1});
            for (int r = 0; r < n; r++) {
                assigned[idx.get(r)] = r < counts[0] ? Split.TRAIN : r < counts[0] + counts[1] ? Split.EVAL : Split.TEST;
            }
        }
        return assigned;
    }

    /**
     * RecBole's {@code Dataset._calcu_split_ids} as part sizes: every part but the first
     * {@code floor(ratio * n)}, the first the rest; then, last part first, a part whose share is
     * strictly between 0 and 1 takes one from the first while the first keeps more than one.
     */
    static int[] recBoleCounts(int n, double[] ratios) {
        double total = 0;
        for (double r : ratios) {
            total += r;
        }
        int[] counts = new int[ratios.length];
        int rest = n;
        for (int i = 1; i < ratios.length; i++) {
            counts[i] = (int) (ratios[i] / total * n);
            rest -= counts[i];
        }
        counts[0] = rest;
        for (int i = ratios.length - 1; i >= 1 && counts[0] > 1; i--) {
            double share = ratios[i] / total * n;
            if (share > 0 && share < 1) {
                counts[i]++;
                counts[0]--;
            }
        }
        return counts;
    }

    /** Row indexes per user, users in order of first appearance. */
    private static Map<String, List<Integer>> rowsByUser(List<Interaction> interactions) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (int i = 0; i < interactions.size(); i++) {
            byUser.computeIfAbsent(interactions.get(i).userId(), k -> new ArrayList<>()).add(i);
        }
        return byUser;
    }

    private long readTriples(MmkgSink sink) {
        Path file = file("kg");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long[] count = {0};
        rows(file, List.of("head_id", "relation_id", "tail_id"), (n, row) -> {
            for (String f : List.of("head_id", "relation_id", "tail_id")) {
                if (row.get(f).isBlank()) {
                    errors.report(file, n, f, "empty");
                    return;
                }
            }
            sink.triple(new Triple(row.get("head_id"), row.get("relation_id"), row.get("tail_id")));
            count[0]++;
        });
        return count[0];
    }

    private long readLinks(MmkgSink sink, Set<String> itemIds) {
        Path file = file("link");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long[] count = {0};
        rows(file, List.of("item_id", "entity_id"), (n, row) -> {
            if (!itemIds.contains(row.get("item_id"))) {
                errors.report(file, n, "item_id", "unknown item `" + row.get("item_id") + "`");
            } else if (row.get("entity_id").isBlank()) {
                errors.report(file, n, "entity_id", "empty");
            } else {
                ItemLink link = new ItemLink(row.get("item_id"), row.get("entity_id"));
                if (errors.rules().link(file, n, "item_id", "entity_id", link)) {
                    sink.link(link);
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    private String nameField(Map<String, Map<String, String>> items) {
        if (config.nameField() != null || items.isEmpty()) {
            return config.nameField();
        }
        return items.values().iterator().next().keySet().stream()
                .filter(f -> f.contains("title") || f.contains("name")).findFirst().orElse(null);
    }

    /** "Toy Story (1995). Genres: Animation, Children's, Comedy" for ML-100K; other fields "field: value". */
    private static String text(Map<String, String> row, String nameField) {
        StringBuilder sb = new StringBuilder();
        if (nameField != null) {
            sb.append(row.get(nameField));
        }
        row.forEach((field, value) -> {
            if (field.equals("item_id") || field.equals(nameField) || value.isBlank()) {
                return;
            }
            if (field.contains("year")) {
                sb.append(" (").append(value).append(')');
                return;
            }
            String label = switch (field) {
                case "class", "genre", "genres" -> "Genres";
                default -> field.replace('_', ' ');
            };
            sb.append(sb.length() > 0 ? ". " : "").append(label).append(": ").append(String.join(", ", value.split(" ")));
        });
        return sb.toString();
    }

    private static Map<String, Object> attributes(Map<String, String> row, String key) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (row != null) {
            row.forEach((k, v) -> {
                if (!k.equals(key) && !v.isBlank()) {
                    attrs.put(k, v);
                }
            });
        }
        return attrs;
    }

    private Double number(Path file, long line, String field, String value) {
        if (value == null || value.isBlank()) {
            return Double.NaN;
        }
        double x;
        try {
            x = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            errors.report(file, line, field, "not a number: `" + value + "`");
            return null;
        }
        if (!Double.isFinite(x)) {
            errors.report(file, line, field, "not a finite number: `" + value + "`");
            return null;
        }
        return x;
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(long line, Map<String, String> row);
    }

    /**
     * Parses the {@code name:type} header, checks required and repeated fields, hands each row over by
     * field name; returns the header's field names (without types).
     */
    private List<String> rows(Path file, List<String> required, RowHandler handler) {
        try (TextLines.Reader r = new TextLines.Reader(file, StandardCharsets.UTF_8, errors)) {
            String header = r.next();
            if (header == null) {
                errors.report(file, 1, null, "empty file: expected a name:type header");
                return List.of();
            }
            if (r.lineNumber() != 1) {
                throw new InputException(file, 1, null, "the header line is not UTF-8 text");
            }
            String[] names = header.split("\t", -1);
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < names.length; i++) {
                int colon = names[i].indexOf(':');
                names[i] = (colon > 0 ? names[i].substring(0, colon) : names[i]).trim().toLowerCase(Locale.ROOT);
                if (names[i].isEmpty()) {
                    throw new InputException(file, 1, null, "empty field name in column " + (i + 1) + " of the header");
                }
                if (!seen.add(names[i])) {
                    throw new InputException(file, 1, names[i], "repeated in the header " + header);
                }
            }
            for (String f : required) {
                if (!seen.contains(f)) {
                    throw new InputException(file, 1, f, "missing from the header " + header);
                }
            }
            for (String line; (line = r.next()) != null; ) {
                long n = r.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                String[] values = line.split("\t", -1);
                if (values.length != names.length) {
                    errors.report(file, n, null, "expected " + names.length + " tab-separated fields, got " + values.length);
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], values[i]);
                }
                handler.row(n, row);
            }
            return List.of(names);
        }
    }
}
