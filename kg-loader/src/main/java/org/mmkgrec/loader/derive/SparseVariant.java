package org.mmkgrec.loader.derive;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadConfig.Format;
import org.mmkgrec.loader.recbole.RecBoleReader;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.TextLines;

/**
 * A sparse development variant of a data set: the same files, with each user's training part thinned
 * and the evaluation and test parts untouched, so a model can be measured on dense and sparse data
 * against the same held-out rows.
 *
 * <p>Per user, a seeded random {@code historyFraction} of the training positives is kept (at least
 * one; all when the fraction is 1), then at most {@code maxTrainPositives} of those (0: no cap), and
 * at most as many of the user's training negatives as positives kept (a seeded random choice), so the
 * label balance stays. Each user's choice comes from its own generator seeded by (seed, split, user),
 * so it does not depend on the order of the file or on the other users. Kept rows are written
 * byte for byte, in the order of the source file.
 *
 * <ul>
 *   <li><b>Last.FM KG files</b> ({@code ratings_final.txt}, {@code kg_final.txt}, ...): for each stored
 *       split ({@code splits/kgcn_seed555_*}, {@code splits/mcclk_seed2020_*}) the train file is thinned
 *       (positives chosen at random), the eval and test files are copied unchanged. Every other file
 *       or directory is a symbolic link to the source's.</li>
 *   <li><b>RecBole atomic files</b> ({@code <name>.inter}, optional {@code .item .user .kg .link}): the
 *       loader's {@code time811} split ({@link RecBoleReader#time811}) is written as RecBole benchmark
 *       files {@code <name>.train.inter}, {@code <name>.valid.inter} (its EVAL part) and
 *       {@code <name>.test.inter} (its TEST part), same header as the source. Train keeps the user's
 *       most recent positives (rating at or above the threshold, or {@code label} 1), after the
 *       fraction, and as many non-positives, chosen at random. The other files are linked; the dense
 *       {@code <name>.inter} is not, so nothing in the output trains on the dense data.</li>
 * </ul>
 *
 * A {@code DERIVED.md} records the command that reproduces the directory, the seed, the source and
 * the counts, and the SHA-256 of every file written.
 */
public final class SparseVariant {

    public static final String DERIVED_MD = "DERIVED.md";
    private static final List<String> RECBOLE_PARTS = List.of("train", "valid", "test");

    /**
     * What to derive.
     *
     * @param maxTrainPositives at most this many training positives per user; 0: no cap; default 3
     * @param historyFraction keep this fraction of each user's training positives first, at least one;
     *     in (0, 1], default 1
     * @param seed the seed of every random choice; default 42
     * @param ratingThreshold RecBole ratings at or above it are positives, as in the loader; default 4.0
     * @param force replace the contents of a non-empty output directory instead of refusing
     */
    public record Options(Path source, Path out, int maxTrainPositives, double historyFraction, long seed,
                          double ratingThreshold, boolean force) {
        public Options {
            if (source == null || !Files.isDirectory(source)) {
                throw new IllegalArgumentException("`source` must be an existing directory, was " + source);
            }
            if (out == null) {
                throw new IllegalArgumentException("`out` directory is required");
            }
            source = source.toAbsolutePath().normalize();
            out = out.toAbsolutePath().normalize();
            if (maxTrainPositives < 0) {
                throw new IllegalArgumentException("`max-train-positives` must be >= 0 (0: no cap), was " + maxTrainPositives);
            }
            if (!(historyFraction > 0 && historyFraction <= 1)) {
                throw new IllegalArgumentException("`history-fraction` must be in (0, 1], was " + historyFraction);
            }
            if (maxTrainPositives == 0 && historyFraction == 1) {
                throw new IllegalArgumentException("nothing to thin: give --max-train-positives >= 1 or --history-fraction < 1");
            }
            if (Double.isNaN(ratingThreshold) || Double.isInfinite(ratingThreshold)) {
                throw new IllegalArgumentException("`rating-threshold` must be a number, was " + ratingThreshold);
            }
        }

        public static Options defaults(Path source, Path out) {
            return new Options(source, out, 3, 1.0, 42, 4.0, false);
        }

        public Options withSeed(long newSeed) {
            return new Options(source, out, maxTrainPositives, historyFraction, newSeed, ratingThreshold, force);
        }

        public Options withOut(Path newOut) {
            return new Options(source, newOut, maxTrainPositives, historyFraction, seed, ratingThreshold, force);
        }

        /** The command line that writes exactly this variant (every option spelled out). */
        public String command() {
            return "./mmkg derive-sparse --source " + source + " --out " + out
                    + " --max-train-positives " + maxTrainPositives + " --history-fraction " + historyFraction
                    + " --seed " + seed + " --rating-threshold " + ratingThreshold;
        }

        String rule() {
            List<String> parts = new ArrayList<>();
            if (historyFraction < 1) {
                parts.add("a random " + fmt(100 * historyFraction) + "% of each user's training positives (at least 1)");
            }
            if (maxTrainPositives > 0) {
                parts.add((parts.isEmpty() ? "" : "then ") + "at most " + maxTrainPositives + " training positives per user");
            }
            return String.join(", ", parts) + "; at most as many training negatives as positives kept";
        }
    }

    /**
     * The training part of one split before and after thinning, and the held-out parts (unchanged).
     *
     * @param users users with at least one training row in the source
     * @param usersWithPositives users with at least one training positive (the same after: one is always kept)
     * @param usersAfter users with at least one training row after
     * @param maxPositivesPerUserAfter the largest number of training positives any user kept
     * @param evalRows rows of the evaluation part (0 when the split has none)
     */
    public record PartSummary(String split, String trainFile, long users, long usersWithPositives, long usersAfter,
                              long positivesBefore, long positivesAfter, long negativesBefore, long negativesAfter,
                              int maxPositivesPerUserAfter, long evalRows, long testRows) {
        public double meanPositivesBefore() {
            return users == 0 ? 0 : (double) positivesBefore / users;
        }

        public double meanPositivesAfter() {
            return users == 0 ? 0 : (double) positivesAfter / users;
        }
    }

    /**
     * @param written files written (derived or copied), relative to the output directory, with their SHA-256
     * @param linked entries that are symbolic links to the source's
     */
    public record Summary(Format format, Options options, List<PartSummary> parts, Map<String, String> written,
                          List<String> linked) {

        /** The console summary. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("derive-sparse: ").append(format.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(options.source()).append(" -> ").append(options.out()).append('\n');
            sb.append("  seed ").append(options.seed()).append("; ").append(options.rule()).append('\n');
            for (PartSummary p : parts) {
                sb.append(String.format(Locale.ROOT, "  split %s (%s):%n", p.split(), p.trainFile()));
                sb.append(String.format(Locale.ROOT, "    users                     %,d (%,d with a train positive; %,d with train rows after)%n",
                        p.users(), p.usersWithPositives(), p.usersAfter()));
                sb.append(String.format(Locale.ROOT, "    train positives           %,d -> %,d%n", p.positivesBefore(), p.positivesAfter()));
                sb.append(String.format(Locale.ROOT, "    train positives per user  mean %.2f -> %.2f (max after: %d)%n",
                        p.meanPositivesBefore(), p.meanPositivesAfter(), p.maxPositivesPerUserAfter()));
                sb.append(String.format(Locale.ROOT, "    train negatives           %,d -> %,d%n", p.negativesBefore(), p.negativesAfter()));
                sb.append(String.format(Locale.ROOT, "    eval rows %,d, test rows %,d (unchanged)%n", p.evalRows(), p.testRows()));
            }
            sb.append("  ").append(written.size()).append(" files written, ").append(linked.size())
                    .append(" linked to the source; see ").append(options.out().resolve(DERIVED_MD)).append('\n');
            return sb.toString();
        }

        /** The DERIVED.md text. */
        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("# Sparse variant of ").append(options.source().getFileName()).append("\n\n");
            sb.append("Derived by MMKG-Rec `derive-sparse` from `").append(options.source()).append("` (")
                    .append(format.name().toLowerCase(Locale.ROOT)).append(" format). Rerunning this command writes the same files:\n\n");
            sb.append("    ").append(options.command()).append("\n\n");
            sb.append("- source: `").append(options.source()).append("`\n");
            sb.append("- seed: ").append(options.seed()).append('\n');
            sb.append("- max train positives per user: ").append(options.maxTrainPositives() == 0 ? "no cap" : options.maxTrainPositives()).append('\n');
            sb.append("- history fraction: ").append(options.historyFraction()).append('\n');
            if (format == Format.RECBOLE) {
                sb.append("- rating threshold (positives): ").append(options.ratingThreshold()).append('\n');
                sb.append("- split: the loader's time811 (per user by time; last 10% test, 10% before valid), written as RecBole "
                        + "benchmark files; train keeps each user's most recent positives\n");
            } else {
                sb.append("- splits: the stored ones; train positives chosen at random per user\n");
            }
            sb.append("- rule: ").append(options.rule()).append("; eval/valid and test parts are the source's, unchanged\n\n");
            sb.append("| split | train file | users | train positives before | after | mean per user before | after | max after "
                    + "| train negatives before | after | eval rows | test rows |\n");
            sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (PartSummary p : parts) {
                sb.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %d | %d | %.2f | %.2f | %d | %d | %d | %d | %d |%n",
                        p.split(), p.trainFile(), p.users(), p.positivesBefore(), p.positivesAfter(), p.meanPositivesBefore(),
                        p.meanPositivesAfter(), p.maxPositivesPerUserAfter(), p.negativesBefore(), p.negativesAfter(),
                        p.evalRows(), p.testRows()));
            }
            sb.append("\nSymbolic links to the source: ").append(linked.isEmpty() ? "none" : "`" + String.join("`, `", linked) + "`")
                    .append(".\n\n## Files written (SHA-256)\n\n");
            written.forEach((f, sha) -> sb.append("- `").append(f).append("` ").append(sha).append('\n'));
            return sb.toString();
        }
    }

    private final Options options;
    private final Map<String, String> written = new TreeMap<>();
    private final List<String> linked = new ArrayList<>();

    private SparseVariant(Options options) {
        this.options = options;
    }

    /** Writes the variant described by {@code options}; returns its counts (also in {@code DERIVED.md}). */
    public static Summary derive(Options options) {
        return new SparseVariant(options).run();
    }

    private Summary run() {
        Format format = LoadConfig.detect(options.source());
        prepareOut();
        List<PartSummary> parts = format == Format.LASTFM ? lastFm() : recBole();
        Summary summary = new Summary(format, options, List.copyOf(parts),
                Collections.unmodifiableMap(new TreeMap<>(written)), List.copyOf(linked));
        try {
            Files.writeString(options.out().resolve(DERIVED_MD), summary.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.out().resolve(DERIVED_MD), e);
        }
        return summary;
    }

    // ---------------------------------------------------------------- output directory

    private void prepareOut() {
        Path out = options.out();
        Path source = options.source();
        try {
            Path realSource = source.toRealPath();
            Path realOut = Files.exists(out) ? out.toRealPath() : out;
            if (realOut.startsWith(realSource) || realSource.startsWith(realOut)) {
                throw new IllegalArgumentException("the output directory " + out + " must lie outside the source " + source
                        + " and not contain it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output directory " + out, e);
        }
        OutputDirectory.prepare(out, options.force());
    }

    private void link(String relative) {
        Path target = options.source().resolve(relative);
        Path at = options.out().resolve(relative);
        try {
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + at + " -> " + target, e);
        }
        linked.add(relative);
    }

    private void copy(String relative) {
        Path from = options.source().resolve(relative);
        Path to = options.out().resolve(relative);
        try (InputStream in = Files.newInputStream(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(in, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
        written.put(relative, sha256(to));
    }

    private void writeLines(String relative, List<String> lines) {
        Path to = options.out().resolve(relative);
        try {
            Files.createDirectories(to.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + to, e);
        }
        written.put(relative, sha256(to));
    }

    private static String sha256(Path file) {
        return OutputDirectory.sha256(file);
    }

    private static List<String> entries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    // ---------------------------------------------------------------- choice

    /** The generator of one user in one split: independent of file order and of the other users. */
    private SplittableRandom random(String split, String user) {
        long h = options.seed() * 0x9E3779B97F4A7C15L + split.hashCode() * 0x632BE59BD9B4E019L + user.hashCode();
        return new SplittableRandom(h);
    }

    private static void shuffle(List<Integer> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** How many positives a user with {@code p} training positives keeps after the fraction (before the cap). */
    private int afterFraction(int p) {
        if (p == 0 || options.historyFraction() == 1) {
            return p;
        }
        return Math.min(p, Math.max(1, (int) Math.round(options.historyFraction() * p)));
    }

    private int cap(int k) {
        return options.maxTrainPositives() == 0 ? k : Math.min(k, options.maxTrainPositives());
    }

    /** Rows of one user's training part, as indexes into the train file's rows. */
    private static final class UserRows {
        final List<Integer> positives = new ArrayList<>();
        final List<Integer> negatives = new ArrayList<>();
    }

    /**
     * Chooses the kept rows of every user: {@code orderPositives} reorders the (randomly shuffled)
     * chosen positives so that the first ones are kept (Last.FM: as they are; RecBole: most recent first).
     */
    private PartSummary thin(String split, String trainFile, Map<String, UserRows> byUser, boolean[] keep,
                             Comparator<Integer> recentFirst, long evalRows, long testRows) {
        long posBefore = 0, posAfter = 0, negBefore = 0, negAfter = 0, withPositives = 0, usersAfter = 0;
        int maxAfter = 0;
        for (Map.Entry<String, UserRows> e : byUser.entrySet()) {
            UserRows rows = e.getValue();
            SplittableRandom rng = random(split, e.getKey());
            List<Integer> pos = new ArrayList<>(rows.positives);
            shuffle(pos, rng);
            List<Integer> chosen = new ArrayList<>(pos.subList(0, afterFraction(pos.size())));
            if (recentFirst != null) {
                chosen.sort(recentFirst);
            }
            chosen = chosen.subList(0, cap(chosen.size()));
            List<Integer> neg = new ArrayList<>(rows.negatives);
            shuffle(neg, rng);
            List<Integer> chosenNeg = neg.subList(0, Math.min(neg.size(), chosen.size()));
            chosen.forEach(i -> keep[i] = true);
            chosenNeg.forEach(i -> keep[i] = true);
            posBefore += rows.positives.size();
            negBefore += rows.negatives.size();
            posAfter += chosen.size();
            negAfter += chosenNeg.size();
            withPositives += rows.positives.isEmpty() ? 0 : 1;
            usersAfter += chosen.isEmpty() && chosenNeg.isEmpty() ? 0 : 1;
            maxAfter = Math.max(maxAfter, chosen.size());
        }
        return new PartSummary(split, trainFile, byUser.size(), withPositives, usersAfter, posBefore, posAfter,
                negBefore, negAfter, maxAfter, evalRows, testRows);
    }

    // ---------------------------------------------------------------- Last.FM

    /** A stored split: its train file and its held-out files (eval may be absent). */
    private record StoredSplit(String name, String train, String eval, String test) {}

    private static final List<StoredSplit> LASTFM_SPLITS = List.of(
            new StoredSplit("kgcn", "splits/kgcn_seed555_train.txt", "splits/kgcn_seed555_eval.txt", "splits/kgcn_seed555_test.txt"),
            new StoredSplit("mcclk", "splits/mcclk_seed2020_train.txt", null, "splits/mcclk_seed2020_test.txt"));

    private List<PartSummary> lastFm() {
        Path src = options.source();
        List<StoredSplit> present = LASTFM_SPLITS.stream().filter(s -> Files.isRegularFile(src.resolve(s.train()))).toList();
        if (present.isEmpty()) {
            throw new IllegalArgumentException("no stored split in " + src + ": expected "
                    + LASTFM_SPLITS.stream().map(StoredSplit::train).toList());
        }
        Set<String> handled = new TreeSet<>();
        List<PartSummary> parts = new ArrayList<>();
        for (StoredSplit s : present) {
            for (String heldOut : new String[] {s.eval(), s.test()}) {
                if (heldOut != null && !Files.isRegularFile(src.resolve(heldOut))) {
                    throw new IllegalArgumentException("split " + s.name() + ": " + src.resolve(s.train())
                            + " is there but " + src.resolve(heldOut) + " is missing");
                }
            }
            long evalRows = s.eval() == null ? 0 : checkLastFmRows(src.resolve(s.eval()));
            long testRows = checkLastFmRows(src.resolve(s.test()));
            parts.add(lastFmTrain(s, evalRows, testRows));
            if (s.eval() != null) {
                copy(s.eval());
                handled.add(s.eval());
            }
            copy(s.test());
            handled.add(s.train());
            handled.add(s.test());
        }
        for (String name : entries(src)) {
            if (name.equals(DERIVED_MD)) {
                continue;
            }
            if (name.equals("splits") && Files.isDirectory(src.resolve(name))) {
                for (String f : entries(src.resolve(name))) {
                    if (!handled.contains("splits/" + f)) {
                        link("splits/" + f);
                    }
                }
            } else {
                link(name);
            }
        }
        return parts;
    }

    private PartSummary lastFmTrain(StoredSplit s, long evalRows, long testRows) {
        Path file = options.source().resolve(s.train());
        List<String> lines = new ArrayList<>();
        Map<String, UserRows> byUser = new LinkedHashMap<>();
        readLastFmRows(file, (line, f) -> {
            UserRows rows = byUser.computeIfAbsent(f[0], k -> new UserRows());
            (f[2].equals("1") ? rows.positives : rows.negatives).add(lines.size());
            lines.add(line);
        });
        boolean[] keep = new boolean[lines.size()];
        PartSummary part = thin(s.name(), s.train(), byUser, keep, null, evalRows, testRows);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(lines.get(i));
            }
        }
        writeLines(s.train(), kept);
        return part;
    }

    private static long checkLastFmRows(Path file) {
        long[] n = {0};
        readLastFmRows(file, (line, f) -> n[0]++);
        return n[0];
    }

    private interface LastFmRow {
        void row(String line, String[] fields);
    }

    /** {@code user<TAB>item<TAB>label} rows, label 0 or 1; a bad row is an error naming file and line. */
    private static void readLastFmRows(Path file, LastFmRow handler) {
        TextLines.read(file, (n, line) -> {
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new InputException(file, n, null, "expected user<TAB>item<TAB>label, got " + f.length + " fields");
            }
            String[] names = {"user", "item"};
            for (int i = 0; i < 2; i++) {
                if (!f[i].matches("\\d+")) {
                    throw new InputException(file, n, names[i], "not a non-negative integer: `" + f[i] + "`");
                }
            }
            if (!f[2].equals("0") && !f[2].equals("1")) {
                throw new InputException(file, n, "label", "must be 0 or 1, was `" + f[2] + "`");
            }
            handler.row(line, f);
        });
    }

    // ---------------------------------------------------------------- RecBole

    private List<PartSummary> recBole() {
        Path src = options.source();
        String name = recBoleDataset(src);
        Path interFile = src.resolve(name + ".inter");
        Set<String> knownItems = itemIds(src.resolve(name + ".item"));

        List<String> lines = new ArrayList<>();
        List<Interaction> interactions = new ArrayList<>();
        String header = readRecBoleInter(interFile, knownItems, lines, interactions);
        List<Interaction> split = RecBoleReader.time811(interactions);

        Map<String, UserRows> byUser = new LinkedHashMap<>();
        List<String> valid = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            Interaction x = split.get(i);
            switch (x.split()) {
                case TRAIN -> {
                    UserRows rows = byUser.computeIfAbsent(x.userId(), k -> new UserRows());
                    (x.label() == 1 ? rows.positives : rows.negatives).add(i);
                }
                case EVAL -> valid.add(lines.get(i));
                case TEST -> test.add(lines.get(i));
                default -> throw new IllegalStateException("time811 gave " + x.split());
            }
        }
        Comparator<Integer> recentFirst = Comparator.<Integer>comparingLong(i -> split.get(i).timestamp())
                .thenComparing(i -> split.get(i).itemId()).thenComparing(i -> i).reversed();
        boolean[] keep = new boolean[split.size()];
        PartSummary part = thin("time811", name + ".train.inter", byUser, keep, recentFirst, valid.size(), test.size());
        List<String> train = new ArrayList<>();
        train.add(header);
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                train.add(lines.get(i));
            }
        }
        valid.add(0, header);
        test.add(0, header);
        writeLines(name + ".train.inter", train);
        writeLines(name + ".valid.inter", valid);
        writeLines(name + ".test.inter", test);
        for (String suffix : List.of("item", "user", "kg", "link")) {
            if (Files.exists(src.resolve(name + "." + suffix))) {
                link(name + "." + suffix);
            }
        }
        return List.of(part);
    }

    /** The data set's name: the first {@code <name>.inter} that is not itself a benchmark part. */
    private static String recBoleDataset(Path dir) {
        return entries(dir).stream().filter(n -> n.endsWith(".inter"))
                .map(n -> n.substring(0, n.length() - ".inter".length()))
                .filter(n -> RECBOLE_PARTS.stream().noneMatch(p -> n.endsWith("." + p)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RecBole <name>.inter file in " + dir));
    }

    private static String[] headerNames(Path file, String header) {
        String[] names = header.split("\t", -1);
        for (int i = 0; i < names.length; i++) {
            int colon = names[i].indexOf(':');
            names[i] = (colon > 0 ? names[i].substring(0, colon) : names[i]).trim().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    private static int column(String[] names, String field) {
        return List.of(names).indexOf(field);
    }

    private static Set<String> itemIds(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Set<String> ids = new java.util.HashSet<>();
        int[] col = {-1};
        TextLines.read(file, (n, line) -> {
            String[] f = line.split("\t", -1);
            if (col[0] < 0) {
                col[0] = column(headerNames(file, line), "item_id");
                if (col[0] < 0) {
                    throw new InputException(file, n, "item_id", "missing from the header " + line);
                }
            } else if (col[0] < f.length) {
                ids.add(f[col[0]]);
            }
        });
        return ids;
    }

    /**
     * Reads {@code <name>.inter} as the loader does (label field wins, else rating at or above the
     * threshold, else an implicit positive); returns the header line and fills the raw lines and the
     * interactions, index for index.
     */
    private String readRecBoleInter(Path file, Set<String> knownItems, List<String> lines, List<Interaction> out) {
        String[] header = {null};
        String[][] names = {null};
        int[] cols = new int[5];
        TextLines.read(file, (n, line) -> {
            if (header[0] == null) {
                if (n != 1) {
                    throw new InputException(file, 1, null, "empty first line: expected a name:type header");
                }
                header[0] = line;
                names[0] = headerNames(file, line);
                String[] fields = {"user_id", "item_id", "rating", "timestamp", "label"};
                for (int i = 0; i < fields.length; i++) {
                    cols[i] = column(names[0], fields[i]);
                    if (i < 2 && cols[i] < 0) {
                        throw new InputException(file, 1, fields[i], "missing from the header " + line);
                    }
                }
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != names[0].length) {
                throw new InputException(file, n, null, "expected " + names[0].length + " tab-separated fields, got " + f.length);
            }
            String user = f[cols[0]];
            String item = f[cols[1]];
            if (user.isBlank()) {
                throw new InputException(file, n, "user_id", "empty id");
            }
            if (knownItems != null && !knownItems.contains(item)) {
                throw new InputException(file, n, "item_id", "unknown item `" + item + "` (not in "
                        + file.resolveSibling(file.getFileName().toString().replaceAll("\\.inter$", ".item")).getFileName() + ")");
            }
            double rating = number(file, n, "rating", cols[2] < 0 ? null : f[cols[2]]);
            double timestamp = number(file, n, "timestamp", cols[3] < 0 ? null : f[cols[3]]);
            double label = number(file, n, "label", cols[4] < 0 ? null : f[cols[4]]);
            int y;
            if (!Double.isNaN(label)) {
                y = label >= 0.5 ? 1 : 0;
            } else if (!Double.isNaN(rating)) {
                y = rating >= options.ratingThreshold() ? 1 : 0;
            } else {
                y = 1;
            }
            lines.add(line);
            out.add(new Interaction(user, item, y, rating, Double.isNaN(timestamp) ? -1 : (long) timestamp, Split.ALL));
        });
        if (header[0] == null) {
            throw new InputException(file, 1, null, "empty file: expected a name:type header");
        }
        return header[0];
    }

    private static double number(Path file, long line, String field, String value) {
        if (value == null || value.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InputException(file, line, field, "not a number: `" + value + "`");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
