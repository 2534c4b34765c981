package org.mmkgrec.embedding.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmkgrec.embedding.data.InteractionData;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * One evaluator for every model: training data from the graph (train and eval parts only), test data
 * from the held-out file, the same protocol code for all, so rows of the report compare.
 *
 * <ul>
 *   <li>CTR: every test pair is scored (and only those, with the eval pairs; see {@link UserPairs});
 *       AUC over all pairs (ties half); F1 of {@code probability >= 0.5}, probabilities from Platt
 *       scaling fitted on the eval split.</li>
 *   <li>TOPK: for every user with a test positive, all items are ranked except those the user liked
 *       in the graph (train and eval parts); Recall/NDCG/Precision/HitRate@K averaged over those users.</li>
 * </ul>
 */
public final class EvaluateJob {
    private final GraphDatabaseService db;
    private final Path heldOutFile;
    private final EvaluateConfig config;
    private final String dataset;

    public EvaluateJob(GraphDatabaseService db, Path heldOutFile, EvaluateConfig config, String dataset) {
        this.db = db;
        this.heldOutFile = heldOutFile;
        this.config = config;
        this.dataset = dataset;
        if (!Files.isRegularFile(heldOutFile)) {
            throw new IllegalArgumentException("no held-out test file " + heldOutFile + ": load the data set with a split");
        }
    }

    public EvaluationReport run() {
        long t0 = System.nanoTime();
        InteractionData data = trainingData(InteractionData.fromGraph(db), config);
        // the test part is read here, once, and only scored against after each model is fitted
        InteractionData.TestSet test = data.testSet(heldOutFile);
        List<EvaluationReport.ModelResult> rows = new ArrayList<>();
        for (String name : config.models()) {
            List<Map<String, Double>> perSeed = new ArrayList<>();
            List<String> training = new ArrayList<>();
            double fitSeconds = 0;
            double scoreSeconds = 0;
            long rss = 0;
            long heap = 0;
            int epochs = 0;
            List<Double> losses = List.of();
            for (int s = 0; s < config.seeds(); s++) {
                int seed = config.seed() + s;
                Recommender model = Models.create(name, config.forModel(name, seed), db);
                FitResources resources = FitResources.start();
                long f0 = System.nanoTime();
                model.fit(data);
                double fit = (System.nanoTime() - f0) / 1e9;
                fitSeconds += fit;
                rss = Math.max(rss, resources.peakRssMb());
                heap = Math.max(heap, resources.peakHeapMb());
                epochs += model.lossCurve().size();
                if (s == 0) {
                    losses = model.lossCurve();
                }
                long s0 = System.nanoTime();
                Map<String, Double> metrics = config.protocol() == EvaluateConfig.Protocol.CTR
                        ? ctr(model, data, test) : topK(model, data, test, config.ks());
                double score = (System.nanoTime() - s0) / 1e9;
                scoreSeconds += score;
                perSeed.add(metrics);
                String note = model instanceof org.mmkgrec.embedding.version.VectorModel v && v.history() != null
                        ? describe(v.history()) : model instanceof org.mmkgrec.embedding.baseline.Hybrid h ? h.note() : "";
                if (!note.isEmpty()) {
                    training.add("seed " + seed + ": " + note);
                }
                System.err.printf("  %-10s seed %d: fit %6.1f s (%s), score %5.1f s, peak RSS %,d MiB%s, peak heap %,d MiB%n    %s%s%n",
                        name, seed, fit, model.lossCurve().isEmpty() ? "no epochs" : model.lossCurve().size() + " epochs",
                        score, resources.peakRssMb(), resources.rssReset() ? "" : " (process so far)",
                        resources.peakHeapMb(), brief(metrics), note.isEmpty() ? "" : "\n    " + note);
            }
            int n = config.seeds();
            rows.add(new EvaluationReport.ModelResult(name, summarise(perSeed), fitSeconds / n, scoreSeconds / n, losses,
                    epochs / n, rss, heap, training));
        }
        long testUnits = config.protocol() == EvaluateConfig.Protocol.CTR ? test.size() : relevantByUser(test).size();
        return new EvaluationReport(dataset, config.protocol().name().toLowerCase(), config.seed(), testUnits,
                test.dropped(), rows, (System.nanoTime() - t0) / 1e9,
                Math.max(peakRssMb(), rows.stream().mapToLong(EvaluationReport.ModelResult::peakRssMb).max().orElse(0)), anchors());
    }

    /**
     * The data every model trains on: the store's training side; for a top-K run on a store without
     * eval positives (Last.FM's 8:2 MCCLK split), a seeded validation slice of 10% of each user's
     * training positives becomes the eval split, so early stopping and the popularity prior have
     * something other than the test part to look at. Every model of the run sees the same data.
     */
    public static InteractionData trainingData(InteractionData data, EvaluateConfig config) {
        boolean evalPositives = java.util.Arrays.stream(data.evalLabels).anyMatch(l -> l == 1);
        if (config.protocol() == EvaluateConfig.Protocol.TOPK && !evalPositives) {
            InteractionData sliced = data.withValidationSlice(0.1, config.seed());
            System.err.printf("no eval split in the store: %,d training positives moved to a validation slice (10%% per user, seed %d)%n",
                    data.trainPositiveCount() - sliced.trainPositiveCount(), config.seed());
            return sliced;
        }
        return data;
    }

    /** The protocol's test figures of a fitted model (the held-out part, read by the caller once). */
    public static Map<String, Double> score(Recommender model, InteractionData data, InteractionData.TestSet test,
            EvaluateConfig config) {
        return config.protocol() == EvaluateConfig.Protocol.CTR ? ctr(model, data, test)
                : topK(model, data, test, config.ks());
    }

    /** One line about what the training loop chose. */
    static String describe(org.mmkgrec.embedding.train.TrainHistory h) {
        String time = String.format(java.util.Locale.ROOT, "; setup %.1f s, then %.2f s/epoch", h.setupSeconds(),
                h.loopSecondsPerEpoch());
        if (h.metric() == null) {
            return String.format(java.util.Locale.ROOT, "%d epochs, no eval split watched%s", h.epochsRun(), time);
        }
        return String.format(java.util.Locale.ROOT, "kept epoch %d of %d run (of %d)%s; eval %s %.4f%s%s", h.bestEpoch(), h.epochsRun(),
                h.epochsConfigured(), h.stoppedEarly() ? ", early stop" : "", h.metric(), h.evalBefore(),
                h.priorLambda() > 0 ? String.format(java.util.Locale.ROOT, ", with popularity prior (lambda %.2f) %.4f",
                        h.priorLambda(), h.evalAfter()) : ", no popularity prior", time);
    }

    /** The mean of each metric over seeds; {@code <metric>.sd} the sample standard deviation when more than one. */
    public static Map<String, Double> summarise(List<Map<String, Double>> perSeed) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : perSeed.get(0).keySet()) {
            double[] v = perSeed.stream().mapToDouble(m -> m.get(k)).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            out.put(k, mean);
        }
        if (perSeed.size() > 1) {
            for (String k : perSeed.get(0).keySet()) {
                double[] v = perSeed.stream().mapToDouble(m -> m.get(k)).toArray();
                double mean = out.get(k);
                double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
                out.put(k + ".sd", Math.sqrt(ss / (v.length - 1)));
            }
        }
        return out;
    }

    /** The model's figures on one line, as soon as it is scored (a long run keeps them if stopped). */
    private static String brief(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(metrics).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }

    /**
     * Published figures on exactly these files: KGCN's on the shared Last.FM directory ({@code lastfm-kg});
     * none on derived or generated sets (a sparse variant, {@code lastfm-10x}), where they would mislead.
     */
    private Map<String, Map<String, Double>> anchors() {
        if (config.protocol() == EvaluateConfig.Protocol.CTR && dataset.equals("lastfm-kg")) {
            return Map.of("KGCN (Wang et al., WWW 2019), published on these files", Map.of("auc", 0.796, "f1", 0.721));
        }
        return Map.of();
    }

    /**
     * AUC and F1 of the test pairs. Only the pairs are scored: the eval rows (for Platt scaling) and
     * the test rows together, grouped by user, so each user is asked once for just its items and no
     * user's row of every item is kept.
     */
    static Map<String, Double> ctr(Recommender model, InteractionData data, InteractionData.TestSet test) {
        int evalRows = data.evalUsers.length;
        double[] scores = UserPairs.concat(data.evalUsers, data.evalItems, test.users(), test.items()).scores(model);
        double[] evalScores = Arrays.copyOfRange(scores, 0, evalRows);
        double[] testScores = Arrays.copyOfRange(scores, evalRows, scores.length);
        PlattScaling platt = PlattScaling.fit(evalScores, data.evalLabels);
        double[] probabilities = Arrays.stream(testScores).map(platt::probability).toArray();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", Metrics.auc(testScores, test.labels()));
        m.put("f1", Metrics.f1(probabilities, test.labels(), 0.5));
        return m;
    }

    static Map<String, Double> topK(Recommender model, InteractionData data, InteractionData.TestSet test, List<Integer> ks) {
        Map<Integer, int[]> relevant = relevantByUser(test);
        int maxK = ks.stream().mapToInt(Integer::intValue).max().orElse(20);
        Map<Integer, double[]> sums = new TreeMap<>();
        for (int k : ks) {
            sums.put(k, new double[4]);
        }
        boolean[][] known = knownPositives(data);
        for (Map.Entry<Integer, int[]> e : relevant.entrySet()) {
            int user = e.getKey();
            float[] s = model.scores(user);
            int[] ranked = top(s, known[user], maxK);
            for (int k : ks) {
                Metrics.TopK t = Metrics.topK(ranked, e.getValue(), k);
                double[] acc = sums.get(k);
                acc[0] += t.recall();
                acc[1] += t.ndcg();
                acc[2] += t.precision();
                acc[3] += t.hit();
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        int users = Math.max(1, relevant.size());
        for (String metric : List.of("recall", "ndcg", "precision", "hit")) {
            int idx = List.of("recall", "ndcg", "precision", "hit").indexOf(metric);
            for (int k : ks) {
                m.put(metric + "@" + k, sums.get(k)[idx] / users);
            }
        }
        return m;
    }

    /** Test positives per user, sorted; users without one are not ranked. */
    static Map<Integer, int[]> relevantByUser(InteractionData.TestSet test) {
        Map<Integer, List<Integer>> byUser = new TreeMap<>();
        for (int k = 0; k < test.size(); k++) {
            if (test.labels()[k] == 1) {
                byUser.computeIfAbsent(test.users()[k], u -> new ArrayList<>()).add(test.items()[k]);
            }
        }
        Map<Integer, int[]> out = new TreeMap<>();
        byUser.forEach((u, items) -> out.put(u, items.stream().mapToInt(Integer::intValue).sorted().distinct().toArray()));
        return out;
    }

    private static boolean[][] knownPositives(InteractionData data) {
        boolean[][] known = new boolean[data.userCount()][data.itemCount()];
        for (int u = 0; u < data.userCount(); u++) {
            for (int i : data.trainPositives[u]) {
                known[u][i] = true;
            }
        }
        for (int k = 0; k < data.evalUsers.length; k++) {
            if (data.evalLabels[k] == 1) {
                known[data.evalUsers[k]][data.evalItems[k]] = true;
            }
        }
        return known;
    }

    /** The k best items not excluded, best first; ties broken by the lower item index. */
    static int[] top(float[] scores, boolean[] excluded, int k) {
        int count = 0;
        for (boolean x : excluded) {
            count += x ? 1 : 0;
        }
        int[] ex = new int[count];
        for (int i = 0, n = 0; i < excluded.length; i++) {
            if (excluded[i]) {
                ex[n++] = i;
            }
        }
        return org.mmkgrec.embedding.train.Validation.top(scores, ex, k);
    }

    /** The plain full sort that {@link #top} replaced; MetricsTest checks that both rank alike. */
    static int[] topBySort(float[] scores, boolean[] excluded, int k) {
        Integer[] candidates = new Integer[scores.length];
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!excluded[i]) {
                candidates[n++] = i;
            }
        }
        Integer[] c = Arrays.copyOf(candidates, n);
        Arrays.sort(c, (x, y) -> scores[x] != scores[y] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
        return Arrays.stream(c).limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** Peak resident memory of this process (VmHWM), in MiB; -1 where /proc is absent. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
