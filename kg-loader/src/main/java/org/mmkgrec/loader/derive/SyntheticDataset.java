package org.mmkgrec.loader.derive;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * A seeded synthetic data set in the KGCN format that {@code LastFmReader} reads (the format of
 * {@code ../shared/data/lastfm-kg}), at any size, so that the cost of loading, training and
 * evaluating can be measured at 1x, 10x and 50x Last.FM.
 *
 * <p>How it is drawn, in four steps, each from its own seeded generator:
 * <ol>
 *   <li><b>Latent groups.</b> Items are dealt round-robin, in a shuffled order, into groups of 40
 *       (96 at Last.FM's size; a fixed size keeps the density of co-interactions, what collaborative
 *       filtering learns from, the same at every scale). Each item gets a popularity weight
 *       {@code (rank + 1)^-1.1} from a random rank, each group a weight {@code (rank + 1)^-0.8} as a
 *       taste (Zipf).</li>
 *   <li><b>Interactions.</b> A user's number of positives is proportional to a shifted Lomax draw
 *       (power-law activity; at least 1, at most {@code items / 2}), scaled so that the total is
 *       exactly {@code round(users x positivesPerUser)}. Each user has a primary and a secondary
 *       group, drawn by the groups' weights; a positive is drawn 70% from the primary group, 20% from
 *       the secondary and 10% from the whole catalogue, always by item popularity, without repeats.
 *       Then, as KGCN's preprocessing does, one negative per positive is drawn uniformly from the
 *       items the user has not interacted with. {@code ratings_final.txt} holds each user's
 *       positives, then negatives. At Last.FM's size most-popular scores CTR AUC 0.80 and item-KNN
 *       about the same, as on Last.FM (0.79 and 0.81); the groups are what trained models add.</li>
 *   <li><b>Knowledge graph.</b> Heads are items (entity {@code i} is item {@code i}), tails are the
 *       {@code entities - items} other entities, each of exactly one relation's type (relation
 *       {@code r}'s tails are its own block of ids). Triples per relation fall off as
 *       {@code 1/(r+1)}; relations {@code r % 3 == 0} have few tails (hubs: about one tail per 50
 *       triples), {@code 1} a moderate number (one per 3), {@code 2} one tail per triple. A relation's
 *       tails are cut into one block per group; 80% of an item's triples point into its own group's
 *       block (Zipf within the block, so its first entities are hubs), 20% anywhere. Every item and
 *       every entity is in at least one triple, no triple repeats, and item KG degrees follow a
 *       Zipf capped at 20x the mean (heads with the most triples take their relations first, each
 *       at most as often as it has tails).</li>
 *   <li><b>Splits</b>, drawn over the rows of {@code ratings_final.txt} as KGCN and MCCLK do: KGCN's
 *       6:2:2 ({@code floor(0.2 n)} eval rows, then {@code floor(0.2 n)} test rows, the rest train)
 *       and MCCLK's 8:2; held-out rows in drawn order, train rows in file order. The files carry
 *       the papers' names ({@code kgcn_seed555_*}, {@code mcclk_seed2020_*}) because that is where
 *       the loader reads a stored split; they are drawn with this generator's seed.</li>
 * </ol>
 * With {@code text}, {@code item_text.tsv} gives each item a made-up name and up to ten tags from a
 * fixed vocabulary of about a hundred words: each group owns four words, each tail entity carries
 * one word of its block's group, and an item's tags are the words of its KG tails (counted), its own
 * group's first word and one random word, so text carries the same signal as the KG.
 *
 * <p>Everything is streamed to its file (rows and triples are kept as packed {@code long}s for the
 * splits and the sort), each file's SHA-256 computed while it is written. Only
 * {@link SplittableRandom} and {@link StrictMath} are used, so the same options write the same bytes
 * on any JVM. {@code GENERATED.md} records the command, the seed, the counts, the measured shape and
 * the SHA-256 of every file.
 */
public final class SyntheticDataset {

    public static final String GENERATED_MD = "GENERATED.md";

    /** Last.FM + Satori as stored in {@code ../shared/data/lastfm-kg}: what {@code --scale 1} writes. */
    public static final int LASTFM_USERS = 1_872;
    public static final int LASTFM_ITEMS = 3_846;
    public static final int LASTFM_ENTITIES = 9_366;
    public static final int LASTFM_TRIPLES = 15_518;
    public static final int LASTFM_RELATIONS = 60;
    /** 21,173 positives over 1,872 users. */
    public static final double LASTFM_POSITIVES_PER_USER = 21_173.0 / 1_872;

    /** Share of a user's positives drawn from the primary and from the secondary group (the rest: the catalogue). */
    static final double PRIMARY_GROUP = 0.7;
    static final double SECONDARY_GROUP = 0.2;
    /**
     * Items per latent group. Fixed, so that the density of co-interactions within a group (what
     * collaborative filtering learns from) stays the same at every scale.
     */
    static final int GROUP_SIZE = 40;
    /** A group's weight as a user's primary or secondary taste: {@code (rank + 1)^-GROUP_ZIPF}. */
    static final double GROUP_ZIPF = 0.8;
    /** Item popularity {@code (rank + 1)^-ITEM_ZIPF}. */
    static final double ITEM_ZIPF = 1.1;
    /**
     * Users' activity: {@code Lomax(ACTIVITY_TAIL) + ACTIVITY_SHIFT} (a Pareto shifted to start near 0), so
     * a few users are very active and some have 1-2 positives; at Last.FM's size the top 10% of users
     * hold about 40% of the positives, the median user 6, the most active ~200.
     */
    static final double ACTIVITY_TAIL = 2.5;
    static final double ACTIVITY_SHIFT = 0.1;
    /** Share of an item's triples pointing into its own group's block of tails. */
    static final double KG_LOCALITY = 0.8;
    /** Item KG degree {@code 1 + (rank + 1)^-ITEM_KG_ZIPF} share of the rest, capped at {@link #KG_DEGREE_CAP} x the mean. */
    static final double ITEM_KG_ZIPF = 0.8;
    static final int KG_DEGREE_CAP = 20;
    /** Tails per triple of the three relation kinds (hub, attribute, one-to-one), before scaling to the entity count. */
    private static final double[] TAILS_PER_TRIPLE = {0.02, 0.3, 1.0};
    private static final String[] KIND = {"hub", "attribute", "one-to-one"};
    static final int WORDS_PER_GROUP = 4;
    static final int MAX_TAGS = 10;

    private static final String KGCN_TRAIN = "splits/kgcn_seed555_train.txt";
    private static final String KGCN_EVAL = "splits/kgcn_seed555_eval.txt";
    private static final String KGCN_TEST = "splits/kgcn_seed555_test.txt";
    private static final String MCCLK_TRAIN = "splits/mcclk_seed2020_train.txt";
    private static final String MCCLK_TEST = "splits/mcclk_seed2020_test.txt";

    /**
     * What to generate; validated here, so a bad option fails before anything is written.
     *
     * @param users users, numbered 0..users-1; every one has at least one positive
     * @param items items, 0..items-1 (entity {@code i} is item {@code i})
     * @param entities KG entities, items included: {@code entities - items} others, all in some triple
     * @param triples distinct KG triples, at least {@code max(items, entities - items)} so that every
     *     item and entity is in one
     * @param relations relation types, each with its own tail entities ({@code rel_0..})
     * @param positivesPerUser mean positives per user: {@code round(users x it)} positives in all, as
     *     many sampled negatives; in [1, items / 2]
     * @param text write {@code item_text.tsv}
     * @param seed the seed of every random choice
     * @param scale the {@code --scale} the counts were derived from (recorded only), or null
     * @param force replace the contents of a non-empty output directory instead of refusing
     * @param quiet no progress bars
     */
    public record Options(Path out, int users, int items, int entities, int triples, int relations,
                          double positivesPerUser, boolean text, long seed, Double scale, boolean force, boolean quiet) {
        public Options {
            if (out == null) {
                throw new IllegalArgumentException("`out` directory is required");
            }
            out = out.toAbsolutePath().normalize();
            if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("`scale` must be a positive number, was " + scale);
            }
            positive("users", users, 1);
            positive("items", items, 2);
            positive("relations", relations, 1);
            if (items > (1 << 30)) {
                throw new IllegalArgumentException("`items` must be at most " + (1 << 30) + ", was " + items);
            }
            if ((long) entities - items < relations) {
                throw new IllegalArgumentException("`entities` must exceed `items` by at least `relations` (each relation needs its "
                        + "own tail entities): entities " + entities + " - items " + items + " < relations " + relations);
            }
            long others = (long) entities - items;
            long needed = Math.max(items, others);
            if (triples < needed) {
                throw new IllegalArgumentException("`triples` must be at least max(items, entities - items) = " + needed
                        + " so that every item and entity is in a triple, was " + triples);
            }
            long room = (long) items * others / 4;
            if (triples > room) {
                throw new IllegalArgumentException("`triples` must be at most items x (entities - items) / 4 = " + room
                        + " (distinct triples, drawn at random), was " + triples);
            }
            double maxPerUser = items / 2;
            if (!(positivesPerUser >= 1 && positivesPerUser <= maxPerUser)) {
                throw new IllegalArgumentException("`positives-per-user` must be between 1 and items / 2 = " + (items / 2)
                        + " (each positive needs a negative the user has not seen), was " + positivesPerUser);
            }
            if (2 * positives(users, positivesPerUser) > 1_000_000_000L) {
                throw new IllegalArgumentException("2 x users x positives-per-user must be at most 1,000,000,000 rating rows, was "
                        + 2 * positives(users, positivesPerUser));
            }
            // the tails per relation need room too: each relation at least ceil(2 x its triples / items) tails
            int[] perRelation = allocate(triples, relationWeights(relations), 1, triples);
            long minTails = 0;
            for (int n : perRelation) {
                minTails += Math.max(1, ceilDiv(2L * n, items));
            }
            if (minTails > others) {
                throw new IllegalArgumentException("`entities` too few for `triples`: the relations need at least " + minTails
                        + " tail entities (no item may repeat a triple), there are entities - items = " + others);
            }
        }

        private static void positive(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException("`" + name + "` must be at least " + min + ", was " + value);
            }
        }

        /** Last.FM's shape times {@code scale} (relations stay 60, positives per user stay 11.31), seed 42. */
        public static Options lastFm(Path out, double scale) {
            return of(out, scale, null, null, null, null, null, null, false, 42, false, false);
        }

        /**
         * Last.FM's shape times {@code scaleOrNull} (null: 1, not recorded), each count given (non-null)
         * replacing its scaled value; validated once, on the counts that result.
         */
        public static Options of(Path out, Double scaleOrNull, Integer users, Integer items, Integer entities, Integer triples,
                                 Integer relations, Double positivesPerUser, boolean text, long seed, boolean force, boolean quiet) {
            double scale = scaleOrNull == null ? 1 : scaleOrNull;
            if (!(scale > 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("`scale` must be a positive number, was " + scale);
            }
            return new Options(out, users != null ? users : scaled(LASTFM_USERS, scale, 1),
                    items != null ? items : scaled(LASTFM_ITEMS, scale, 2),
                    entities != null ? entities : scaled(LASTFM_ENTITIES, scale, 3),
                    triples != null ? triples : scaled(LASTFM_TRIPLES, scale, 2),
                    relations != null ? relations : LASTFM_RELATIONS,
                    positivesPerUser != null ? positivesPerUser : LASTFM_POSITIVES_PER_USER, text, seed, scaleOrNull, force, quiet);
        }

        private static int scaled(int base, double scale, int min) {
            long x = Math.round(base * scale);
            if (x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("`scale` " + scale + " is too large: " + base + " x it overflows");
            }
            return Math.max(min, (int) x);
        }

        public Options withOut(Path newOut) {
            return new Options(newOut, users, items, entities, triples, relations, positivesPerUser, text, seed, scale, force, quiet);
        }

        public Options withSeed(long newSeed) {
            return new Options(out, users, items, entities, triples, relations, positivesPerUser, text, newSeed, scale, force, quiet);
        }

        /** Positives in all: {@code round(users x positivesPerUser)}. */
        public long positives() {
            return positives(users, positivesPerUser);
        }

        private static long positives(int users, double perUser) {
            return Math.round(users * perUser);
        }

        /** The command line that writes exactly these files (every count spelled out). */
        public String command() {
            return "./mmkg generate --out " + out + " --users " + users + " --items " + items + " --entities " + entities
                    + " --triples " + triples + " --relations " + relations + " --positives-per-user " + positivesPerUser
                    + (text ? " --text" : "") + " --seed " + seed;
        }
    }

    /**
     * What was written and its shape, measured on the output.
     *
     * @param groups latent item groups
     * @param itemTop10Share share of the positives held by the 10% most popular items
     * @param userTop10Share share of the positives held by the 10% most active users
     * @param userPositives min, median and max positives per user
     * @param tailDegreeMax the most triples on one non-item entity (the largest hub)
     * @param tailDegreeMean the mean number of triples per non-item entity
     * @param hubs non-item entities in at least 10x the mean number of triples
     * @param itemDegreeMax the most triples on one item
     * @param kgcnRows train, eval, test rows of the 6:2:2 split
     * @param mcclkRows train, test rows of the 8:2 split
     * @param written files written, relative to the output directory, with their SHA-256 ({@code GENERATED.md} aside)
     * @param bytes the size of those files together
     */
    public record Summary(Options options, long positives, long rows, int groups, double itemTop10Share,
                          double userTop10Share, int[] userPositives, int tailDegreeMax, double tailDegreeMean, int hubs,
                          int itemDegreeMax, int[] relationTriples, int[] relationTails, long[] kgcnRows, long[] mcclkRows,
                          Map<String, String> written, long bytes, double seconds) {

        /** The console summary. */
        public String describe() {
            Options o = options;
            StringBuilder sb = new StringBuilder();
            sb.append("generate: ").append(o.out()).append(" (seed ").append(o.seed())
                    .append(o.scale() != null ? ", from --scale " + fmt(o.scale()) + " x Last.FM" : "").append(")\n");
            sb.append(String.format(Locale.ROOT, "  users %,d, items %,d, entities %,d (%,d items + %,d others), relations %d, triples %,d%n",
                    o.users(), o.items(), o.entities(), o.items(), o.entities() - o.items(), o.relations(), o.triples()));
            sb.append(String.format(Locale.ROOT, "  positives %,d (%.2f per user; min %d, median %d, max %d), rows %,d with the negatives%n",
                    positives, (double) positives / o.users(), userPositives[0], userPositives[1], userPositives[2], rows));
            sb.append(String.format(Locale.ROOT, "  shape: %,d latent groups; the top 10%% of items hold %.1f%% of positives, the top 10%% of users %.1f%%%n",
                    groups, 100 * itemTop10Share, 100 * userTop10Share));
            sb.append(String.format(Locale.ROOT, "  KG: largest hub %,d triples (mean %.2f per non-item entity), %,d hubs at >= 10x the mean; max item degree %d%n",
                    tailDegreeMax, tailDegreeMean, hubs, itemDegreeMax));
            sb.append(String.format(Locale.ROOT, "  splits: kgcn 6:2:2 %,d / %,d / %,d rows; mcclk 8:2 %,d / %,d rows%n",
                    kgcnRows[0], kgcnRows[1], kgcnRows[2], mcclkRows[0], mcclkRows[1]));
            sb.append(String.format(Locale.ROOT, "  %d files, %.1f MB in %.1f s; see %s%n", written.size() + 1, bytes / 1e6, seconds,
                    o.out().resolve(GENERATED_MD)));
            return sb.toString();
        }

        /** The GENERATED.md text: no timings and nothing else that changes between two runs of the command. */
        String markdown() {
            Options o = options;
            StringBuilder sb = new StringBuilder();
            sb.append("# Synthetic KGCN-format data set\n\n");
            sb.append("Generated by MMKG-Rec `generate` (KGCN format, read like `../shared/data/lastfm-kg`). "
                    + "Rerunning this command writes the same files, byte for byte:\n\n");
            sb.append("    ").append(o.command()).append("\n\n");
            sb.append("- seed: ").append(o.seed()).append('\n');
            if (o.scale() != null) {
                sb.append("- counts from `--scale ").append(fmt(o.scale())).append("` x Last.FM (1872 users, 3846 items, "
                        + "9366 entities, 15518 triples, 60 relations, 21173 positives), explicit options applied after\n");
            }
            sb.append(String.format(Locale.ROOT, "- users: %d; items: %d; entities: %d (items + %d others); relations: %d; triples: %d%n",
                    o.users(), o.items(), o.entities(), o.entities() - o.items(), o.relations(), o.triples()));
            sb.append(String.format(Locale.ROOT, "- positives: %d (%.4f per user; min %d, median %d, max %d); negatives: as many, "
                    + "drawn uniformly from the items each user has not interacted with; rows: %d%n",
                    positives, (double) positives / o.users(), userPositives[0], userPositives[1], userPositives[2], rows));
            sb.append(String.format(Locale.ROOT, "- latent groups: %d of about %d items, weighted as tastes by Zipf %.1f; each user draws "
                    + "%.0f%% of positives from a primary group, %.0f%% from a secondary one, %.0f%% from the catalogue, by item "
                    + "popularity (Zipf %.1f); activity Lomax(%.1f) + %.1f%n",
                    groups, GROUP_SIZE, GROUP_ZIPF, 100 * PRIMARY_GROUP, 100 * SECONDARY_GROUP,
                    100 * (1 - PRIMARY_GROUP - SECONDARY_GROUP), ITEM_ZIPF, ACTIVITY_TAIL, ACTIVITY_SHIFT));
            sb.append(String.format(Locale.ROOT, "- measured: the top 10%% of items hold %.1f%% of the positives, the top 10%% of users %.1f%%%n",
                    100 * itemTop10Share, 100 * userTop10Share));
            sb.append(String.format(Locale.ROOT, "- KG: heads are items, tails typed by relation; %.0f%% of an item's triples point "
                    + "into its group's block of each relation's tails; largest hub %d triples, mean %.2f per non-item entity, "
                    + "%d hubs at >= 10x the mean; max item degree %d%n",
                    100 * KG_LOCALITY, tailDegreeMax, tailDegreeMean, hubs, itemDegreeMax));
            sb.append("- text: ").append(o.text() ? "`item_text.tsv`, tags from a fixed vocabulary tied to each item's KG tails and group"
                    : "none (`--text` writes `item_text.tsv`)").append('\n');
            sb.append("- not written (optional for the loader): `kg.txt`, `user_artists.dat`, `hetrec/`\n\n");
            sb.append("| split | train rows | eval rows | test rows |\n|---|---:|---:|---:|\n");
            sb.append(String.format(Locale.ROOT, "| kgcn 6:2:2 (`splits/kgcn_seed555_*`, drawn with seed %d) | %d | %d | %d |%n",
                    o.seed(), kgcnRows[0], kgcnRows[1], kgcnRows[2]));
            sb.append(String.format(Locale.ROOT, "| mcclk 8:2 (`splits/mcclk_seed2020_*`, drawn with seed %d) | %d | - | %d |%n%n",
                    o.seed(), mcclkRows[0], mcclkRows[1]));
            sb.append("| relation | kind | triples | tail entities |\n|---|---|---:|---:|\n");
            for (int r = 0; r < relationTriples.length; r++) {
                sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %d |%n", r, KIND[r % 3], relationTriples[r], relationTails[r]));
            }
            sb.append("\n## Files written (SHA-256)\n\n");
            written.forEach((f, sha) -> sb.append("- `").append(f).append("` ").append(sha).append('\n'));
            return sb.toString();
        }
    }

    private final Options o;
    private final SplittableRandom root;
    private final Map<String, String> written = new TreeMap<>();
    private final boolean progress;
    private long bytes;

    // latent groups
    private int groups;
    private int[] groupOf;
    private int[][] groupItems;
    private double[][] groupCumulative;
    private double[] cumulative;
    /** Cumulative weights of the groups as a user's taste: some genres have many more listeners. */
    private double[] groupPopularity;

    // KG: tails of relation r are the ids tailStart[r] .. tailStart[r] + tails[r] - 1
    private int[] relationTriples;
    private int[] tails;
    private int[] tailStart;

    private SyntheticDataset(Options options) {
        this.o = options;
        this.root = new SplittableRandom(options.seed());
        // bars only where there is something to wait for
        this.progress = !options.quiet() && 2 * options.positives() + options.triples() >= 500_000;
    }

    /** Writes the data set that {@code options} describe; returns its counts and shape (also in {@code GENERATED.md}). */
    public static Summary generate(Options options) {
        return new SyntheticDataset(options).run();
    }

    private Summary run() {
        long t0 = System.nanoTime();
        OutputDirectory.prepare(o.out(), o.force());
        // the generators are split off in a fixed order, one per step
        SplittableRandom groupRandom = root.split();
        SplittableRandom interactionRandom = root.split();
        SplittableRandom kgRandom = root.split();
        SplittableRandom splitRandom = root.split();
        SplittableRandom textRandom = root.split();

        drawGroups(groupRandom);
        writeItemIndex();
        long[] rows = writeInteractions(interactionRandom);
        long[] triples = writeKnowledgeGraph(kgRandom);
        long[][] splitRows = writeSplits(rows, splitRandom);
        if (o.text()) {
            writeText(triples, textRandom);
        }

        int[] perUser = new int[o.users()];
        int[] perItem = new int[o.items()];
        for (long row : rows) {
            if (label(row) == 1) {
                perUser[user(row)]++;
                perItem[item(row)]++;
            }
        }
        int others = o.entities() - o.items();
        int[] tailDegree = new int[others];
        int[] headDegree = new int[o.items()];
        for (long key : triples) {
            tailDegree[(int) (key % others)]++;
            headDegree[(int) (key / others)]++;
        }
        double tailMean = (double) o.triples() / others;
        int hubs = 0;
        for (int d : tailDegree) {
            hubs += d >= 10 * tailMean ? 1 : 0;
        }
        int[] sortedUsers = perUser.clone();
        Arrays.sort(sortedUsers);
        Summary summary = new Summary(o, o.positives(), rows.length, groups, topShare(perItem), topShare(perUser),
                new int[] {sortedUsers[0], sortedUsers[sortedUsers.length / 2], sortedUsers[sortedUsers.length - 1]},
                Arrays.stream(tailDegree).max().orElse(0), tailMean, hubs, Arrays.stream(headDegree).max().orElse(0),
                relationTriples.clone(), tails.clone(), splitRows[0], splitRows[1],
                Collections.unmodifiableMap(new TreeMap<>(written)), bytes, (System.nanoTime() - t0) / 1e9);
        try {
            Files.writeString(o.out().resolve(GENERATED_MD), summary.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + o.out().resolve(GENERATED_MD), e);
        }
        return summary;
    }

    // ---------------------------------------------------------------- latent groups

    private void drawGroups(SplittableRandom random) {
        int n = o.items();
        groups = (int) Math.max(2, Math.min(n, Math.round((double) n / GROUP_SIZE)));
        groupOf = new int[n];
        int[] order = permutation(n, random);
        for (int k = 0; k < n; k++) {
            groupOf[order[k]] = k % groups;
        }
        int[] rank = permutation(n, random);
        double[] popularity = new double[n];
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            popularity[i] = StrictMath.pow(rank[i] + 1.0, -ITEM_ZIPF);
            sum += popularity[i];
            cumulative[i] = sum;
        }
        int[] groupRank = permutation(groups, random);
        groupPopularity = new double[groups];
        for (int g = 0; g < groups; g++) {
            groupPopularity[g] = (g == 0 ? 0 : groupPopularity[g - 1]) + StrictMath.pow(groupRank[g] + 1.0, -GROUP_ZIPF);
        }
        int[] size = new int[groups];
        for (int g : groupOf) {
            size[g]++;
        }
        groupItems = new int[groups][];
        groupCumulative = new double[groups][];
        for (int g = 0; g < groups; g++) {
            groupItems[g] = new int[size[g]];
            groupCumulative[g] = new double[size[g]];
        }
        int[] fill = new int[groups];
        for (int i = 0; i < n; i++) {
            int g = groupOf[i];
            int k = fill[g]++;
            groupItems[g][k] = i;
            groupCumulative[g][k] = (k == 0 ? 0 : groupCumulative[g][k - 1]) + popularity[i];
        }
    }

    private void writeItemIndex() {
        try (Lines out = new Lines("item_index2entity_id.txt")) {
            for (int i = 0; i < o.items(); i++) {
                out.row(i, i);
            }
        }
    }

    // ---------------------------------------------------------------- interactions

    /** Writes {@code ratings_final.txt}; returns its rows, packed (see {@link #row}). */
    private long[] writeInteractions(SplittableRandom random) {
        int users = o.users();
        int items = o.items();
        double[] activity = new double[users];
        for (int u = 0; u < users; u++) {
            activity[u] = StrictMath.pow(1 - random.nextDouble(), -1 / ACTIVITY_TAIL) - 1 + ACTIVITY_SHIFT;
        }
        int[] positives = allocate(o.positives(), activity, 1, items / 2);
        long[] rows = new long[(int) (2 * o.positives())];
        int r = 0;
        int[] seenBy = new int[items];
        Arrays.fill(seenBy, -1);
        try (Lines out = new Lines("ratings_final.txt"); Progress bar = new Progress("interactions", users)) {
            for (int u = 0; u < users; u++) {
                int primary = draw(groupPopularity, random);
                int secondary = primary;
                while (secondary == primary) {
                    secondary = draw(groupPopularity, random);
                }
                for (int k = 0; k < positives[u]; k++) {
                    int item = positive(random, u, primary, secondary, seenBy);
                    seenBy[item] = u;
                    out.row(u, item, 1);
                    rows[r++] = row(u, item, 1);
                }
                for (int k = 0; k < positives[u]; k++) {
                    int item = unseen(random, u, seenBy);
                    seenBy[item] = u;
                    out.row(u, item, 0);
                    rows[r++] = row(u, item, 0);
                }
                bar.step();
            }
        }
        return rows;
    }

    private int positive(SplittableRandom random, int user, int primary, int secondary, int[] seenBy) {
        for (int attempt = 0; attempt < 32; attempt++) {
            double x = random.nextDouble();
            int item;
            if (x < PRIMARY_GROUP + SECONDARY_GROUP) {
                int g = x < PRIMARY_GROUP ? primary : secondary;
                item = groupItems[g][draw(groupCumulative[g], random)];
            } else {
                item = draw(cumulative, random);
            }
            if (seenBy[item] != user) {
                return item;
            }
        }
        // a heavy user has taken the popular items: any item not seen yet
        return unseen(random, user, seenBy);
    }

    /** Uniform over the items the user has not interacted with; at most half are taken, so this ends fast. */
    private int unseen(SplittableRandom random, int user, int[] seenBy) {
        while (true) {
            int item = random.nextInt(o.items());
            if (seenBy[item] != user) {
                return item;
            }
        }
    }

    /** The index of the first cumulative weight above a uniform draw. */
    private static int draw(double[] cumulative, SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static long row(int user, int item, int label) {
        return (long) user << 32 | (long) item << 1 | label;
    }

    static int user(long row) {
        return (int) (row >>> 32);
    }

    static int item(long row) {
        return (int) ((row & 0xFFFF_FFFFL) >>> 1);
    }

    static int label(long row) {
        return (int) (row & 1);
    }

    // ---------------------------------------------------------------- knowledge graph

    static double[] relationWeights(int relations) {
        double[] w = new double[relations];
        for (int r = 0; r < relations; r++) {
            w[r] = 1.0 / (r + 1);
        }
        return w;
    }

    /**
     * Writes {@code kg_final.txt}, sorted by head, relation and tail; returns the triples as keys
     * {@code head x (entities - items) + (tail - items)} in that order (a tail has one relation).
     */
    private long[] writeKnowledgeGraph(SplittableRandom random) {
        int items = o.items();
        int others = o.entities() - items;
        int total = o.triples();
        int relations = o.relations();
        relationTriples = allocate(total, relationWeights(relations), 1, total);
        double[] wanted = new double[relations];
        int[] min = new int[relations];
        for (int r = 0; r < relations; r++) {
            wanted[r] = relationTriples[r] * TAILS_PER_TRIPLE[r % 3];
            min[r] = (int) Math.max(1, ceilDiv(2L * relationTriples[r], items));
        }
        tails = allocate(others, wanted, min, relationTriples);
        tailStart = new int[relations];
        for (int r = 1; r < relations; r++) {
            tailStart[r] = tailStart[r - 1] + tails[r - 1];
        }

        // every item is a head at least once; a few are heads of many triples
        int[] rank = permutation(items, random);
        double[] weight = new double[items];
        for (int i = 0; i < items; i++) {
            weight[i] = StrictMath.pow(rank[i] + 1.0, -ITEM_KG_ZIPF);
        }
        long cap = Math.max(KG_DEGREE_CAP * (long) total / items, 2 * ceilDiv(total - items, items));
        int[] extra = allocate(total - items, weight, 0, (int) Math.min(cap, others / 2));
        int[][] heads = new int[groups][];
        int[] headCount = new int[groups];
        for (int i = 0; i < items; i++) {
            headCount[groupOf[i]] += 1 + extra[i];
        }
        for (int g = 0; g < groups; g++) {
            heads[g] = new int[headCount[g]];
            headCount[g] = 0;
        }
        for (int i = 0; i < items; i++) {
            int g = groupOf[i];
            for (int k = 0; k <= extra[i]; k++) {
                heads[g][headCount[g]++] = i;
            }
        }
        for (int[] h : heads) {
            shuffle(h, random);
        }

        LongHashSet seen = new LongHashSet(total); // primitive: a boxed set would cost ~60 bytes a key
        long[] keys = new long[total];
        int n = 0;
        try (Progress bar = new Progress("kg", total)) {
            // every tail once, with a head from its block's group where that group has heads left
            int[] used = new int[groups];
            int[] pending = new int[others];
            int pendingCount = 0;
            for (int r = 0; r < relations; r++) {
                for (int j = 0; j < tails[r]; j++) {
                    int g = tails[r] >= groups ? (int) ((long) j * groups / tails[r])
                            : j + tails[r] * random.nextInt((groups - 1 - j) / tails[r] + 1);
                    if (used[g] < heads[g].length) {
                        keys[n++] = key(heads[g][used[g]++], tailStart[r] + j, others);
                        seen.add(keys[n - 1]);
                        bar.step();
                    } else {
                        pending[pendingCount++] = tailStart[r] + j;
                    }
                }
            }
            int[] left = new int[total - n];
            int l = 0;
            for (int g = 0; g < groups; g++) {
                for (int k = used[g]; k < heads[g].length; k++) {
                    left[l++] = heads[g][k];
                }
            }
            shuffle(left, random);
            int next = 0;
            for (int p = 0; p < pendingCount; p++) {
                keys[n++] = key(left[next++], pending[p], others);
                seen.add(keys[n - 1]);
                bar.step();
            }
            // the other triples: each head's slots get relations drawn by what is left of each relation's
            // count, never more triples of a relation than it has tails; the heaviest heads first, so the
            // light ones can take what the heavy ones could not
            int[] freeOf = new int[items];
            for (int k = next; k < left.length; k++) {
                freeOf[left[k]]++;
            }
            long[] covered = Arrays.copyOf(keys, n);
            Arrays.sort(covered);
            int[] coveredFrom = new int[items + 1];
            for (long key : covered) {
                coveredFrom[(int) (key / others) + 1]++;
            }
            for (int i = 0; i < items; i++) {
                coveredFrom[i + 1] += coveredFrom[i];
            }
            Integer[] order = new Integer[items];
            for (int i = 0; i < items; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> freeOf[a] != freeOf[b] ? Integer.compare(freeOf[b], freeOf[a]) : Integer.compare(a, b));
            int[] remaining = new int[relations];
            for (int r = 0; r < relations; r++) {
                remaining[r] = relationTriples[r] - tails[r];
            }
            int[] usedByHead = new int[relations];
            for (int head : order) {
                if (freeOf[head] == 0) {
                    break;
                }
                Arrays.fill(usedByHead, 0);
                for (int c = coveredFrom[head]; c < coveredFrom[head + 1]; c++) {
                    usedByHead[relationOfTail((int) (covered[c] % others))]++;
                }
                for (int slot = 0; slot < freeOf[head]; slot++) {
                    int r = relationFor(random, remaining, usedByHead, head);
                    int tail = freeTail(random, head, r, seen, others);
                    usedByHead[r]++;
                    remaining[r]--;
                    keys[n++] = key(head, tail, others);
                    bar.step();
                }
            }
        }
        Arrays.sort(keys);
        try (Lines out = new Lines("kg_final.txt")) {
            for (long key : keys) {
                int tail = (int) (key % others);
                out.row((int) (key / others), relationOfTail(tail), items + tail);
            }
        }
        return keys;
    }

    /** A relation with triples left that {@code head} can still take, drawn by the triples left. */
    private int relationFor(SplittableRandom random, int[] remaining, int[] usedByHead, int head) {
        long total = 0;
        for (int r = 0; r < remaining.length; r++) {
            total += usedByHead[r] < tails[r] ? remaining[r] : 0;
        }
        if (total == 0) {
            throw new IllegalStateException("cannot place " + o.triples() + " distinct triples (item " + head
                    + " has every tail it could take): raise --entities or lower --triples");
        }
        long x = random.nextLong(total);
        for (int r = 0; ; r++) {
            x -= usedByHead[r] < tails[r] ? remaining[r] : 0;
            if (x < 0) {
                return r;
            }
        }
    }

    /** A tail of relation {@code r} that {@code head} does not have yet (there is one): mostly from its group's block. */
    private int freeTail(SplittableRandom random, int head, int r, LongHashSet seen, int others) {
        for (int attempt = 0; attempt < 30; attempt++) {
            int tail = tailStart[r] + tailOffset(random, r, groupOf[head]);
            if (seen.add(key(head, tail, others))) {
                return tail;
            }
        }
        int from = random.nextInt(tails[r]);
        for (int s = 0; s < tails[r]; s++) {
            int tail = tailStart[r] + (from + s) % tails[r];
            if (seen.add(key(head, tail, others))) {
                return tail;
            }
        }
        throw new IllegalStateException("item " + head + " has every tail of relation " + r); // relationFor rules it out
    }

    /** The offset of a tail within relation {@code r}'s block of ids, for a head of group {@code g}. */
    private int tailOffset(SplittableRandom random, int r, int g) {
        int m = tails[r];
        if (random.nextDouble() >= KG_LOCALITY) {
            return random.nextInt(m);
        }
        if (m < groups) {
            return g % m;
        }
        int lo = (int) ceilDiv((long) g * m, groups);
        int hi = (int) ceilDiv((long) (g + 1) * m, groups);
        return lo + zipfIndex(random, hi - lo);
    }

    /** 0..size-1 with probability about 1/(k+1.5): the first entities of a block become its hubs. */
    private static int zipfIndex(SplittableRandom random, int size) {
        int k = (int) StrictMath.floor(StrictMath.exp(random.nextDouble() * StrictMath.log(size + 1.0))) - 1;
        return Math.max(0, Math.min(size - 1, k));
    }

    /** The group whose words a tail carries: the group of its block. */
    private int groupOfTail(int tail) {
        int r = relationOfTail(tail);
        int j = tail - tailStart[r];
        return tails[r] >= groups ? (int) ((long) j * groups / tails[r]) : j;
    }

    private int relationOfTail(int tail) {
        // starts strictly increase (every relation has a tail): an exact hit is the relation, else the one before
        int r = Arrays.binarySearch(tailStart, tail);
        return r >= 0 ? r : -r - 2;
    }

    private static long key(int head, int tail, int others) {
        return (long) head * others + tail;
    }

    // ---------------------------------------------------------------- splits

    /** @return {kgcn train, eval, test rows}, {mcclk train, test rows} */
    private long[][] writeSplits(long[] rows, SplittableRandom random) {
        int n = rows.length;
        int fifth = (int) (n * 0.2);
        try (Progress bar = new Progress("splits", 2L * n)) {
            byte[] part = new byte[n];
            int[] order = permutation(n, random);
            try (Lines eval = new Lines(KGCN_EVAL); Lines test = new Lines(KGCN_TEST)) {
                for (int k = 0; k < 2 * fifth; k++) {
                    long row = rows[order[k]];
                    (k < fifth ? eval : test).row(user(row), item(row), label(row));
                    part[order[k]] = 1;
                    bar.step();
                }
            }
            writeTrain(KGCN_TRAIN, rows, part, bar);
            order = permutation(n, random);
            Arrays.fill(part, (byte) 0);
            try (Lines test = new Lines(MCCLK_TEST)) {
                for (int k = 0; k < fifth; k++) {
                    long row = rows[order[k]];
                    test.row(user(row), item(row), label(row));
                    part[order[k]] = 1;
                    bar.step();
                }
            }
            writeTrain(MCCLK_TRAIN, rows, part, bar);
        }
        return new long[][] {{n - 2L * fifth, fifth, fifth}, {n - (long) fifth, fifth}};
    }

    private void writeTrain(String name, long[] rows, byte[] heldOut, Progress bar) {
        try (Lines train = new Lines(name)) {
            for (int i = 0; i < rows.length; i++) {
                if (heldOut[i] == 0) {
                    train.row(user(rows[i]), item(rows[i]), label(rows[i]));
                    bar.step();
                }
            }
        }
    }

    // ---------------------------------------------------------------- text

    /** A small fixed vocabulary: no tab, colon or semicolon (the separators of item_text.tsv). */
    static final List<String> VOCABULARY = List.of(
            "ambient", "acoustic", "alternative", "anthemic", "atmospheric", "ballad", "baroque", "bass", "bluesy",
            "brass", "breakbeat", "calm", "catchy", "celtic", "chamber", "chillout", "choral", "cinematic", "classical",
            "country", "dance", "dark", "disco", "downtempo", "dreamy", "drone", "drums", "dub", "eclectic", "electro",
            "electronic", "energetic", "epic", "ethereal", "experimental", "fast", "female vocals", "flamenco", "folk",
            "funk", "fusion", "garage", "glam", "gospel", "gothic", "groovy", "grunge", "guitar", "hardcore", "harmonica",
            "heavy", "hip hop", "house", "hypnotic", "indie", "industrial", "instrumental", "jazz", "jungle", "latin",
            "lo-fi", "lounge", "lyrical", "male vocals", "mellow", "melancholic", "melodic", "metal", "minimal", "modern",
            "moody", "noise", "nostalgic", "opera", "orchestral", "piano", "poetic", "pop", "progressive", "psychedelic",
            "punk", "quiet", "raw", "reggae", "retro", "rhythmic", "rock", "romantic", "sad", "saxophone", "shoegaze",
            "slow", "smooth", "soul", "spacey", "strings", "summer", "swing", "synth", "techno", "trance", "tribal",
            "trumpet", "upbeat", "urban", "violin", "vintage", "warm", "world");

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "sa", "tor", "vel", "dan", "ri", "zu", "ne",
            "bo", "fa", "gil", "ho", "ja", "ku", "lin", "mar", "no", "pel", "qui", "sor", "tam", "e", "o", "an", "is"};

    /** Writes {@code item_text.tsv}: header, then item_index, artist_id, name, tags {@code word:count;...}, no picture. */
    private void writeText(long[] triples, SplittableRandom random) {
        int v = VOCABULARY.size();
        int[][] groupWords = new int[groups][WORDS_PER_GROUP];
        for (int g = 0; g < groups; g++) {
            int[] words = permutation(v, random);
            System.arraycopy(words, 0, groupWords[g], 0, WORDS_PER_GROUP);
        }
        int others = o.entities() - o.items();
        int[] count = new int[v];
        List<Integer> touched = new ArrayList<>();
        int t = 0;
        try (Lines out = new Lines("item_text.tsv"); Progress bar = new Progress("text", o.items())) {
            out.line("item_index\tartist_id\tname\ttop_tags(tag:count;...)\tpicture_url");
            for (int i = 0; i < o.items(); i++) {
                touched.clear();
                for (; t < triples.length && triples[t] / others == i; t++) {
                    int tail = (int) (triples[t] % others);
                    count(groupWords[groupOfTail(tail)][tail % WORDS_PER_GROUP], count, touched);
                }
                count(groupWords[groupOf[i]][0], count, touched);
                count(random.nextInt(v), count, touched);
                touched.sort((a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
                        : VOCABULARY.get(a).compareTo(VOCABULARY.get(b)));
                StringBuilder tags = new StringBuilder();
                for (int k = 0; k < Math.min(MAX_TAGS, touched.size()); k++) {
                    int w = touched.get(k);
                    tags.append(k == 0 ? "" : ";").append(VOCABULARY.get(w)).append(':').append(count[w]);
                }
                touched.forEach(w -> count[w] = 0);
                out.line(i + "\t" + i + "\t" + name(random) + "\t" + tags + "\t");
                bar.step();
            }
        }
    }

    private static void count(int word, int[] count, List<Integer> touched) {
        if (count[word]++ == 0) {
            touched.add(word);
        }
    }

    private static String name(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int part = 0; part < 2; part++) {
            int syllables = 2 + random.nextInt(2);
            int start = sb.length() + (part == 0 ? 0 : 1);
            if (part == 1) {
                sb.append(' ');
            }
            for (int s = 0; s < syllables; s++) {
                sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            sb.setCharAt(start, Character.toUpperCase(sb.charAt(start)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Integer counts proportional to {@code weights}, each in [min, max], summing to exactly
     * {@code total}: the scale is found by bisection (counts clamped to their bounds), the rest of
     * the rounding goes to the largest fractions (ties: lower index).
     */
    static int[] allocate(long total, double[] weights, int min, int max) {
        int[] lo = new int[weights.length];
        int[] hi = new int[weights.length];
        Arrays.fill(lo, min);
        Arrays.fill(hi, max);
        return allocate(total, weights, lo, hi);
    }

    static int[] allocate(long total, double[] weights, int[] min, int[] max) {
        int n = weights.length;
        long sumMin = 0;
        long sumMax = 0;
        for (int i = 0; i < n; i++) {
            sumMin += min[i];
            sumMax += max[i];
        }
        if (total < sumMin || total > sumMax) {
            throw new IllegalArgumentException("cannot share " + total + " among " + n + " with bounds summing to "
                    + sumMin + ".." + sumMax);
        }
        double lo = 0;
        double hi = 1;
        while (clampedSum(hi, weights, min, max) < total) {
            hi *= 2;
        }
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (clampedSum(mid, weights, min, max) >= total) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        int[] out = new int[n];
        double[] fraction = new double[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            double c = Math.min(max[i], Math.max(min[i], hi * weights[i]));
            out[i] = (int) Math.floor(c);
            fraction[i] = c - out[i];
            sum += out[i];
        }
        long rest = total - sum;
        if (rest > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> fraction[a] != fraction[b] ? Double.compare(fraction[b], fraction[a]) : Integer.compare(a, b));
            for (int k = 0; k < n && rest > 0; k++) {
                if (out[order[k]] < max[order[k]]) {
                    out[order[k]]++;
                    rest--;
                }
            }
        }
        return out;
    }

    private static double clampedSum(double scale, double[] weights, int[] min, int[] max) {
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += Math.min(max[i], Math.max(min[i], scale * weights[i]));
        }
        return s;
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Share of the total held by the top 10% of the counts (at least one). */
    static double topShare(int[] counts) {
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        long total = 0;
        long top = 0;
        int k = Math.max(1, sorted.length / 10);
        for (int i = 0; i < sorted.length; i++) {
            total += sorted[i];
            if (i >= sorted.length - k) {
                top += sorted[i];
            }
        }
        return total == 0 ? 0 : (double) top / total;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** A file written line by line, its SHA-256 computed on the way. */
    private final class Lines implements Closeable {
        private final String name;
        private final Path path;
        private final MessageDigest digest = OutputDirectory.sha256();
        private final Writer writer;
        private final char[] buf = new char[40];

        Lines(String name) {
            this.name = name;
            this.path = o.out().resolve(name);
            try {
                Files.createDirectories(path.getParent());
                writer = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), digest), StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        void row(int a, int b) {
            int p = put(a, 0);
            buf[p++] = '\t';
            p = put(b, p);
            buf[p++] = '\n';
            write(p);
        }

        void row(int a, int b, int c) {
            int p = put(a, 0);
            buf[p++] = '\t';
            p = put(b, p);
            buf[p++] = '\t';
            p = put(c, p);
            buf[p++] = '\n';
            write(p);
        }

        void line(String line) {
            try {
                writer.write(line);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        private int put(int v, int p) {
            int start = p;
            do {
                buf[p++] = (char) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            for (int i = start, j = p - 1; i < j; i++, j--) {
                char t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
            return p;
        }

        private void write(int length) {
            try {
                writer.write(buf, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
                bytes += Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
            written.put(name, OutputDirectory.hex(digest));
        }
    }

    /** A progress bar on standard error for large outputs; nothing otherwise. */
    private final class Progress implements AutoCloseable {
        private final ProgressBar bar;
        private long done;

        Progress(String step, long total) {
            bar = progress ? new ProgressBarBuilder().setTaskName(String.format("%-12s", step)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build() : null;
        }

        void step() {
            if (bar != null && (++done & 0x3FF) == 0) {
                bar.stepTo(done);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
            }
        }
    }
}
