package org.mmkgrec.loader.recbole;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.source.UserInfo;

/**
 * Reads RecBole atomic files {@code <dir>/<dataset>.{inter,item,user,kg,link}} (only {@code .inter}
 * is required). Headers are {@code name:type} with types token, token_seq, float, float_seq; fields
 * are found by name ({@code user_id}, {@code item_id}, {@code rating}, {@code timestamp},
 * {@code label}, {@code head_id}, {@code relation_id}, {@code tail_id}, {@code entity_id}).
 *
 * <p>Split {@code time811}: per user, interactions ordered by timestamp (ties by item id, so no
 * randomness is involved); the last {@code round(0.1 n)} (at least 1) are TEST, the
 * {@code round(0.1 n)} (at least 1) before them EVAL, the rest TRAIN, rounding half up. Users with
 * fewer than 3 interactions keep all of them in TRAIN.
 */
public final class RecBoleReader {

    /**
     * @param ratingThreshold ratings at or above it are positives (default 4.0); a {@code label} field wins
     * @param nameField the .item field that names an item; null: the first field whose name contains
     *     "title" or "name"
     * @param split {@code none} or {@code time811}
     */
    public record Config(Path dir, String dataset, double ratingThreshold, String nameField, String split) {
        public Config {
            if (!List.of("none", "time811").contains(split)) {
                throw new IllegalArgumentException("`split` must be none or time811, was `" + split + "`");
            }
            if (dataset == null) {
                dataset = detectDataset(dir);
            }
        }
    }

    public record Result(int users, int items, long interactions, long triples, long links) {}

    private final Config config;
    private final InputErrors errors;

    public RecBoleReader(Config config, InputErrors errors) {
        this.config = config;
        this.errors = errors;
    }

    public Result read(MmkgSink sink) {
        Map<String, Map<String, String>> items = readTable(file("item"), "item_id");
        Map<String, Map<String, String>> users = readTable(file("user"), "user_id");
        List<Interaction> interactions = readInteractions(items.isEmpty() ? null : items.keySet());

        Set<String> userIds = new LinkedHashSet<>(users.keySet());
        interactions.forEach(x -> userIds.add(x.userId()));
        for (String u : userIds) {
            sink.user(new UserInfo(u, attributes(users.get(u), "user_id")));
        }
        Set<String> itemIds = new LinkedHashSet<>(items.keySet());
        interactions.forEach(x -> itemIds.add(x.itemId()));
        String nameField = nameField(items);
        for (String i : itemIds) {
            Map<String, String> row = items.get(i);
            String name = row == null || nameField == null ? null : row.get(nameField);
            sink.item(new ItemInfo(i, name, attributes(row, "item_id")));
            if (row != null) {
                sink.content(new ItemContent(i, "text", text(row, nameField), null));
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
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".inter")).sorted()
                    .map(n -> n.substring(0, n.length() - ".inter".length())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no RecBole .inter file in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A table keyed by its id field; each row maps field name (without type) to value. */
    private Map<String, Map<String, String>> readTable(Path file, String key) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        rows(file, List.of(key), (n, row) -> {
            String id = row.get(key);
            if (id.isBlank()) {
                errors.report(file, n, key, "empty id");
            } else if (rows.putIfAbsent(id, row) != null) {
                errors.report(file, n, key, "duplicate id `" + id + "`");
            }
        });
        return rows;
    }

    private List<Interaction> readInteractions(Set<String> knownItems) {
        Path file = file("inter");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no interactions file " + file);
        }
        List<Interaction> out = new ArrayList<>();
        rows(file, List.of("user_id", "item_id"), (n, row) -> {
            String user = row.get("user_id");
            String item = row.get("item_id");
            if (user.isBlank()) {
                errors.report(file, n, "user_id", "empty id");
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
            int y;
            if (!label.isNaN()) {
                y = label >= 0.5 ? 1 : 0;
            } else if (!rating.isNaN()) {
                y = rating >= config.ratingThreshold() ? 1 : 0;
            } else {
                y = 1; // implicit feedback: an interaction is a positive
            }
            out.add(new Interaction(user, item, y, rating, timestamp.isNaN() ? -1 : timestamp.longValue(), Split.ALL));
        });
        return out;
    }

    /** Applies the chosen split (see the class comment); the order of the returned list is the file's. */
    List<Interaction> split(List<Interaction> interactions) {
        if (config.split().equals("none")) {
            return interactions;
        }
        return time811(interactions);
    }

    /**
     * The {@code time811} split (see the class comment) of interactions read with any split: a copy of
     * each with its split set, in the order given. Public so that derived data sets (the sparse
     * variants of {@code org.mmkgrec.loader.derive}) cut exactly the same EVAL and TEST parts.
     */
    public static List<Interaction> time811(List<Interaction> interactions) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (int i = 0; i < interactions.size(); i++) {
            byUser.computeIfAbsent(interactions.get(i).userId(), k -> new ArrayList<>()).add(i);
        }
        Split[] assigned = new Split[interactions.size()];
        for (List<Integer> idx : byUser.values()) {
            idx.sort(Comparator.<Integer>comparingLong(i -> interactions.get(i).timestamp())
                    .thenComparing(i -> interactions.get(i).itemId()));
            int n = idx.size();
            int nTest = n < 3 ? 0 : Math.max(1, (int) Math.round(0.1 * n));
            int nEval = n < 3 ? 0 : Math.max(1, (int) Math.round(0.1 * n));
            for (int r = 0; r < n; r++) {
                assigned[idx.get(r)] = r >= n - nTest ? Split.TEST : r >= n - nTest - nEval ? Split.EVAL : Split.TRAIN;
            }
        }
        List<Interaction> out = new ArrayList<>(interactions.size());
        for (int i = 0; i < interactions.size(); i++) {
            Interaction x = interactions.get(i);
            out.add(new Interaction(x.userId(), x.itemId(), x.label(), x.rating(), x.timestamp(), assigned[i]));
        }
        return out;
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
                sink.link(new ItemLink(row.get("item_id"), row.get("entity_id")));
                count[0]++;
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
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            errors.report(file, line, field, "not a number: `" + value + "`");
            return null;
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(long line, Map<String, String> row);
    }

    /** Parses the {@code name:type} header, checks required fields, hands each row over by field name. */
    private void rows(Path file, List<String> required, RowHandler handler) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                errors.report(file, 1, null, "empty file: expected a name:type header");
                return;
            }
            String[] names = header.split("\t", -1);
            for (int i = 0; i < names.length; i++) {
                int colon = names[i].indexOf(':');
                names[i] = (colon > 0 ? names[i].substring(0, colon) : names[i]).trim().toLowerCase(Locale.ROOT);
            }
            for (String f : required) {
                if (!List.of(names).contains(f)) {
                    throw new org.mmkgrec.loader.source.InputException(file, 1, f, "missing from the header " + header);
                }
            }
            long n = 1;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
