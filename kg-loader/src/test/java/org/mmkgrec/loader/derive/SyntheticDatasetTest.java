package org.mmkgrec.loader.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.loader.LoadSummary;
import org.mmkgrec.loader.derive.SyntheticDataset.Options;
import org.mmkgrec.loader.derive.SyntheticDataset.Summary;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class SyntheticDatasetTest {
    private static final String KGCN = "splits/kgcn_seed555_";
    private static final String MCCLK = "splits/mcclk_seed2020_";

    @TempDir
    Path tmp;

    /** Last.FM's size (1x), generated once: the shape tests need a realistic size; 0.3 s of CPU. */
    @TempDir
    static Path shared;
    static Path lastFm;
    static Summary lastFmSummary;

    @BeforeAll
    static void generateLastFmSize() {
        lastFm = shared.resolve("lastfm-1x");
        lastFmSummary = SyntheticDataset.generate(quiet(Options.lastFm(lastFm, 1)));
    }

    private static Options quiet(Options o) {
        return new Options(o.out(), o.users(), o.items(), o.entities(), o.triples(), o.relations(), o.positivesPerUser(),
                o.text(), o.seed(), o.scale(), o.force(), true);
    }

    /** 300 users, 600 items, 900 other entities, 2,400 triples of 9 relations, 8 positives per user, text. */
    private Options small(String dir, long seed) {
        return new Options(tmp.resolve(dir), 300, 600, 1_500, 2_400, 9, 8.0, true, seed, null, true, true);
    }

    private static List<int[]> rows(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(l -> Arrays.stream(l.split("\t", -1)).mapToInt(Integer::parseInt).toArray()).toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    @Test
    void countsAreExactlyAsAsked() throws IOException {
        Summary s = SyntheticDataset.generate(small("small", 7));
        Path out = tmp.resolve("small");

        // 300 x 8 = 2,400 positives and as many negatives
        List<int[]> ratings = rows(out.resolve("ratings_final.txt"));
        assertThat(ratings).hasSize(4_800);
        assertThat(s.positives()).isEqualTo(2_400);
        Map<Integer, Set<Integer>> positives = new TreeMap<>();
        Map<Integer, Set<Integer>> negatives = new TreeMap<>();
        for (int[] r : ratings) {
            assertThat(r).hasSize(3);
            assertThat(r[1]).isBetween(0, 599);
            Set<Integer> seen = (r[2] == 1 ? positives : negatives).computeIfAbsent(r[0], k -> new HashSet<>());
            assertThat(seen.add(r[1])).as("user %d item %d label %d once", r[0], r[1], r[2]).isTrue();
        }
        // users 0..299, every one with a positive
        assertThat(positives.keySet()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).boxed().toList());
        positives.forEach((u, p) -> {
            // one negative per positive, drawn from the items the user has not interacted with
            assertThat(negatives.get(u)).hasSameSizeAs(p).doesNotContainAnyElementsOf(p);
        });

        List<int[]> kg = rows(out.resolve("kg_final.txt"));
        assertThat(kg).hasSize(2_400);
        assertThat(kg.stream().map(Arrays::toString).distinct()).hasSize(2_400);
        Set<Integer> entities = new HashSet<>();
        for (int[] t : kg) {
            assertThat(t[0]).as("heads are items").isBetween(0, 599);
            assertThat(t[2]).as("tails are the other entities").isBetween(600, 1_499);
            entities.add(t[0]);
            entities.add(t[2]);
        }
        // every item and every other entity is in a triple: the loader sees exactly 1,500 entities
        assertThat(entities).hasSize(1_500);
        assertThat(kg.stream().map(t -> t[1]).distinct().sorted()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);

        List<String> index = lines(out.resolve("item_index2entity_id.txt"));
        assertThat(index).hasSize(600).startsWith("0\t0", "1\t1").endsWith("599\t599");

        List<String> text = lines(out.resolve("item_text.tsv"));
        assertThat(text).hasSize(601);
        assertThat(text.get(0)).isEqualTo("item_index\tartist_id\tname\ttop_tags(tag:count;...)\tpicture_url");
        for (int i = 1; i < text.size(); i++) {
            String[] f = text.get(i).split("\t", -1);
            assertThat(f).hasSize(5);
            assertThat(f[0]).isEqualTo(Integer.toString(i - 1));
            assertThat(f[2]).isNotBlank();
            for (String tag : f[3].split(";")) {
                assertThat(SyntheticDataset.VOCABULARY).contains(tag.substring(0, tag.lastIndexOf(':')));
            }
        }

        // GENERATED.md: the command and a SHA-256 per file that matches it
        String md = Files.readString(out.resolve(SyntheticDataset.GENERATED_MD));
        assertThat(md).contains("./mmkg generate --out " + out + " --users 300 --items 600 --entities 1500 --triples 2400 "
                + "--relations 9 --positives-per-user 8.0 --text --seed 7");
        assertThat(s.written()).containsOnlyKeys("ratings_final.txt", "kg_final.txt", "item_index2entity_id.txt",
                "item_text.tsv", KGCN + "train.txt", KGCN + "eval.txt", KGCN + "test.txt", MCCLK + "train.txt", MCCLK + "test.txt");
        s.written().forEach((file, sha) -> {
            assertThat(OutputDirectory.sha256(out.resolve(file))).as(file).isEqualTo(sha);
            assertThat(md).contains("`" + file + "` " + sha);
        });
    }

    @Test
    void scaleOneHasLastFmsCounts() throws IOException {
        assertThat(rows(lastFm.resolve("ratings_final.txt"))).hasSize(42_346); // 21,173 positives, as Last.FM
        assertThat(lines(lastFm.resolve("kg_final.txt"))).hasSize(15_518);
        assertThat(lines(lastFm.resolve("item_index2entity_id.txt"))).hasSize(3_846);
        assertThat(lastFmSummary.options().users()).isEqualTo(1_872);
        assertThat(lastFmSummary.options().entities()).isEqualTo(9_366);
        // explicit counts override the scaled ones
        Options o = Options.of(tmp, 10.0, 500, null, null, null, 12, 5.0, false, 1, false, true);
        assertThat(o.users()).isEqualTo(500);
        assertThat(o.items()).isEqualTo(38_460);
        assertThat(o.triples()).isEqualTo(155_180);
        assertThat(o.relations()).isEqualTo(12);
        assertThat(o.positives()).isEqualTo(2_500);
    }

    @Test
    void activityAndPopularityFollowAPowerLaw() throws IOException {
        int[] perUser = new int[1_872];
        int[] perItem = new int[3_846];
        for (int[] r : rows(lastFm.resolve("ratings_final.txt"))) {
            if (r[2] == 1) {
                perUser[r[0]]++;
                perItem[r[1]]++;
            }
        }
        // uniform draws would give the top 10% about 10%; Last.FM's top 10% of items hold 63%
        assertThat(SyntheticDataset.topShare(perItem)).isGreaterThan(0.45);
        assertThat(SyntheticDataset.topShare(perUser)).isGreaterThan(0.3);
        Arrays.sort(perUser);
        assertThat(perUser[0]).isEqualTo(1);
        assertThat(perUser[perUser.length - 1]).isGreaterThan(10 * perUser[perUser.length / 2]);
        assertThat(lastFmSummary.itemTop10Share()).isEqualTo(SyntheticDataset.topShare(perItem));
    }

    @Test
    void relationsAreTypedHubsExistAndTheKgFollowsTheTastes() throws IOException {
        List<int[]> kg = rows(lastFm.resolve("kg_final.txt"));
        Map<Integer, Set<Integer>> relationsOfTail = new HashMap<>();
        Map<Integer, Integer> degree = new HashMap<>();
        Map<Integer, Set<Integer>> tailsOfItem = new HashMap<>();
        for (int[] t : kg) {
            relationsOfTail.computeIfAbsent(t[2], k -> new HashSet<>()).add(t[1]);
            degree.merge(t[2], 1, Integer::sum);
            tailsOfItem.computeIfAbsent(t[0], k -> new HashSet<>()).add(t[2]);
        }
        // typed: every tail entity belongs to one relation
        assertThat(relationsOfTail.values()).allSatisfy(r -> assertThat(r).hasSize(1));
        assertThat(relationsOfTail).hasSize(9_366 - 3_846);
        // hubs: 15,518 triples over 5,520 tails is 2.8 a tail; the largest hubs carry 10x and more
        int max = degree.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        long hubs = degree.values().stream().filter(d -> d >= 28).count();
        assertThat(max).isGreaterThan(50);
        assertThat(hubs).isGreaterThan(50);
        assertThat(lastFmSummary.tailDegreeMax()).isEqualTo(max);

        // two items one user liked share a KG entity far more often than two items at random
        Map<Integer, List<Integer>> liked = new TreeMap<>();
        for (int[] r : rows(lastFm.resolve("ratings_final.txt"))) {
            if (r[2] == 1) {
                liked.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            }
        }
        SplittableRandom random = new SplittableRandom(1);
        int coLiked = 0;
        int chance = 0;
        int pairs = 0;
        for (List<Integer> items : liked.values()) {
            for (int k = 1; k < items.size(); k++) {
                coLiked += share(tailsOfItem, items.get(k - 1), items.get(k)) ? 1 : 0;
                chance += share(tailsOfItem, random.nextInt(3_846), random.nextInt(3_846)) ? 1 : 0;
                pairs++;
            }
        }
        assertThat((double) coLiked / pairs).isGreaterThan(3.0 * chance / pairs);
    }

    private static boolean share(Map<Integer, Set<Integer>> tails, int a, int b) {
        return a != b && tails.get(a).stream().anyMatch(tails.get(b)::contains);
    }

    @Test
    void theInteractionsCarrySignalBeyondPopularity() throws IOException {
        List<int[]> train = rows(lastFm.resolve(KGCN + "train.txt"));
        List<int[]> test = rows(lastFm.resolve(KGCN + "test.txt"));
        Map<Integer, Set<Integer>> itemsOf = new HashMap<>();
        Map<Integer, Set<Integer>> usersOf = new HashMap<>();
        for (int[] r : train) {
            if (r[2] == 1) {
                itemsOf.computeIfAbsent(r[0], k -> new HashSet<>()).add(r[1]);
                usersOf.computeIfAbsent(r[1], k -> new HashSet<>()).add(r[0]);
            }
        }
        double[] pop = new double[test.size()];
        double[] knn = new double[test.size()];
        boolean[] positive = new boolean[test.size()];
        for (int k = 0; k < test.size(); k++) {
            int[] r = test.get(k);
            Set<Integer> users = usersOf.getOrDefault(r[1], Set.of());
            pop[k] = Math.log1p(users.size());
            // item-KNN: the test item's cosine to each of the user's training items
            double s = 0;
            for (int j : itemsOf.getOrDefault(r[0], Set.of())) {
                Set<Integer> others = usersOf.get(j);
                Set<Integer> smaller = users.size() < others.size() ? users : others;
                Set<Integer> larger = smaller == users ? others : users;
                long common = smaller.stream().filter(larger::contains).count();
                s += common == 0 ? 0 : common / Math.sqrt((double) users.size() * others.size());
            }
            knn[k] = pop[k] + 3 * s;
            positive[k] = r[2] == 1;
        }
        double popAuc = auc(pop, positive);
        double knnAuc = auc(knn, positive);
        // Last.FM: pop 0.79; here the latent groups add what popularity cannot see
        assertThat(popAuc).isBetween(0.7, 0.9);
        assertThat(knnAuc).isGreaterThan(popAuc + 0.02);
    }

    /** AUC over all pairs, ties half. */
    private static double auc(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long p = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                    p++;
                }
            }
            i = j;
        }
        long n = order.length - p;
        return (rankSum - p * (p + 1) / 2.0) / ((double) p * n);
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
        SyntheticDataset.generate(small("a", 7));
        Map<String, byte[]> first = snapshot(tmp.resolve("a"));
        SyntheticDataset.generate(small("a", 7)); // the same command again (--force)
        Map<String, byte[]> again = snapshot(tmp.resolve("a"));
        assertThat(again.keySet()).isEqualTo(first.keySet()).contains("GENERATED.md", "ratings_final.txt");
        first.forEach((f, bytes) -> assertThat(again.get(f)).as(f).isEqualTo(bytes));

        SyntheticDataset.generate(small("b", 8));
        Map<String, byte[]> other = snapshot(tmp.resolve("b"));
        for (String f : List.of("ratings_final.txt", "kg_final.txt", "item_text.tsv", KGCN + "test.txt", MCCLK + "test.txt")) {
            assertThat(other.get(f)).as(f).isNotEqualTo(first.get(f));
        }
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void theSplitsPartitionTheRows() throws IOException {
        SyntheticDataset.generate(small("split", 3));
        Path out = tmp.resolve("split");
        List<String> all = lines(out.resolve("ratings_final.txt"));
        int fifth = (int) (all.size() * 0.2); // KGCN's int(n * 0.2)
        List<String> train = lines(out.resolve(KGCN + "train.txt"));
        List<String> eval = lines(out.resolve(KGCN + "eval.txt"));
        List<String> test = lines(out.resolve(KGCN + "test.txt"));
        assertThat(eval).hasSize(fifth);
        assertThat(test).hasSize(fifth);
        assertThat(train).hasSize(all.size() - 2 * fifth);
        assertThat(concat(train, eval, test)).containsExactlyInAnyOrderElementsOf(all);
        // train rows keep the file's order (the rows are distinct: a user has an item once)
        assertThat(all.stream().filter(new HashSet<>(train)::contains).toList()).isEqualTo(train);

        List<String> mTrain = lines(out.resolve(MCCLK + "train.txt"));
        List<String> mTest = lines(out.resolve(MCCLK + "test.txt"));
        assertThat(mTest).hasSize(fifth);
        assertThat(concat(mTrain, mTest)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(new HashSet<>(mTest)).isNotEqualTo(new HashSet<>(test)); // two draws
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).collect(Collectors.toList());
    }

    @Test
    void theLoaderLoadsAGeneratedDirectory() throws IOException {
        Summary s = SyntheticDataset.generate(small("load", 5));
        Path out = tmp.resolve("load");
        LoadConfig config = new LoadConfig(out, LoadConfig.Format.AUTO, tmp.resolve("store"), "synthetic", "kgcn",
                ErrorPolicy.STOP, 0, 4.0, false, null, null, List.of(), false, 20_000, true);
        assertThat(config.format()).isEqualTo(LoadConfig.Format.LASTFM);
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(tmp.resolve("store/graph"), "32m"))) {
            LoadSummary loaded = new LoadJob(config).run(store.db());
            assertThat(loaded.graph()).containsEntry("User", 300L).containsEntry("Item", 600L)
                    .containsEntry("Entity", 1_500L).containsEntry("KG triples", 2_400L)
                    // train and eval rows are in the graph; the test rows are held out
                    .containsEntry("INTERACTED", s.kgcnRows()[0] + s.kgcnRows()[1]);
            assertThat(loaded.heldOutTest()).isEqualTo(s.kgcnRows()[2]);
            assertThat(loaded.skipped()).isZero();
        }
    }

    @Test
    void aNonEmptyOutputIsRefusedWithoutForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "x");
        Options o = small("full", 1);
        Options noForce = new Options(o.out(), o.users(), o.items(), o.entities(), o.triples(), o.relations(),
                o.positivesPerUser(), o.text(), o.seed(), null, false, true);
        assertThatThrownBy(() -> SyntheticDataset.generate(noForce)).hasMessageContaining("is not empty")
                .hasMessageContaining("--force");
        assertThat(out.resolve("keep.txt")).exists();
        SyntheticDataset.generate(o);
        assertThat(out.resolve("keep.txt")).doesNotExist();
        assertThat(out.resolve("ratings_final.txt")).exists();
    }

    @Test
    void badCountsAreRefusedNamingTheOption() {
        Path out = tmp.resolve("bad");
        assertThatThrownBy(() -> new Options(out, 0, 600, 1_500, 2_400, 9, 8, false, 1, null, false, true))
                .hasMessageContaining("`users` must be at least 1");
        assertThatThrownBy(() -> new Options(out, 300, 600, 605, 2_400, 9, 8, false, 1, null, false, true))
                .hasMessageContaining("`entities` must exceed `items` by at least `relations`");
        assertThatThrownBy(() -> new Options(out, 300, 600, 1_500, 800, 9, 8, false, 1, null, false, true))
                .hasMessageContaining("`triples` must be at least max(items, entities - items) = 900");
        assertThatThrownBy(() -> new Options(out, 300, 600, 1_500, 200_000, 9, 8, false, 1, null, false, true))
                .hasMessageContaining("`triples` must be at most");
        assertThatThrownBy(() -> new Options(out, 300, 600, 1_500, 2_400, 9, 301, false, 1, null, false, true))
                .hasMessageContaining("`positives-per-user` must be between 1 and items / 2 = 300");
        assertThatThrownBy(() -> new Options(out, 300, 600, 1_500, 2_400, 9, 0.5, false, 1, null, false, true))
                .hasMessageContaining("`positives-per-user`");
        assertThatThrownBy(() -> Options.lastFm(out, 0)).hasMessageContaining("`scale` must be a positive number");
        // 0.001 x Last.FM leaves 5 other entities for 60 relations: said so, with the way out
        assertThatThrownBy(() -> Options.lastFm(out, 0.001)).hasMessageContaining("`relations`");
        assertThat(Options.of(out, 0.01, null, null, null, null, 3, null, false, 1, false, true).relations()).isEqualTo(3);
    }

    @Test
    void allocateHitsTheTotalWithinTheBounds() {
        int[] c = SyntheticDataset.allocate(100, new double[] {5, 1, 1, 0.001}, 1, 60);
        // the first is capped at 60, the last held at its minimum 1, so the middle two share 39 at 19.5
        // each; the one unit of rounding goes to the lower index
        assertThat(c).containsExactly(60, 20, 19, 1);
    }
}
