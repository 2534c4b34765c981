package org.mmkgrec.embedding.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 *   <li>CTR: every test pair is scored; AUC over all pairs (ties half); F1 of
 *       {@code probability >= 0.5}, probabilities from Platt scaling fitted on the eval split.</li>
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
        InteractionData data = InteractionData.fromGraph(db);
        InteractionData.TestSet test = data.testSet(heldOutFile);
        List<EvaluationReport.ModelResult> rows = new ArrayList<>();
        for (String name : config.models()) {
            Recommender model = Models.create(name, config, db);
            FitResources resources = FitResources.start();
            long f0 = System.nanoTime();
            model.fit(data);
            double fitSeconds = (System.nanoTime() - f0) / 1e9;
            long rss = resources.peakRssMb();
            long heap = resources.peakHeapMb();
            int epochs = model.lossCurve().size();
            long s0 = System.nanoTime();
            Map<String, Double> metrics = config.protocol() == EvaluateConfig.Protocol.CTR
                    ? ctr(model, data, test) : topK(model, data, test);
            double scoreSeconds = (System.nanoTime() - s0) / 1e9;
            System.err.printf("  %-10s fit %6.1f s (%s), score %6.1f s, peak RSS %,d MiB%s, peak heap %,d MiB%n    %s%n", name,
                    fitSeconds,
                    epochs == 0 ? "no epochs" : String.format(java.util.Locale.ROOT, "%d epochs, %.2f s/epoch", epochs, fitSeconds / epochs),
                    scoreSeconds, rss, resources.rssReset() ? "" : " (process so far)", heap, brief(metrics));
            rows.add(new EvaluationReport.ModelResult(name, metrics, fitSeconds, scoreSeconds, model.lossCurve(),
                    epochs, rss, heap));
        }
        long testUnits = config.protocol() == EvaluateConfig.Protocol.CTR ? test.size() : relevantByUser(test).size();
        return new EvaluationReport(dataset, config.protocol().name().toLowerCase(), config.seed(), testUnits,
                test.dropped(), rows, (System.nanoTime() - t0) / 1e9,
                Math.max(peakRssMb(), rows.stream().mapToLong(EvaluationReport.ModelResult::peakRssMb).max().orElse(0)), anchors());
    }

    /** The model's figures on one line, as soon as it is scored (a long run keeps them if stopped). */
    private static String brief(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(metrics).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.4f", k, v)));
        return sb.toString();
    }

    private Map<String, Map<String, Double>> anchors() {
        if (config.protocol() == EvaluateConfig.Protocol.CTR && dataset.contains("lastfm")) {
            return Map.of("KGCN (Wang et al., WWW 2019), published on these files", Map.of("auc", 0.796, "f1", 0.721));
        }
        return Map.of();
    }

    static Map<String, Double> ctr(Recommender model, InteractionData data, InteractionData.TestSet test) {
        Map<Integer, float[]> cache = new HashMap<>();
        double[] evalScores = new double[data.evalUsers.length];
        for (int k = 0; k < evalScores.length; k++) {
            evalScores[k] = cache.computeIfAbsent(data.evalUsers[k], model::scores)[data.evalItems[k]];
        }
        double[] testScores = new double[test.size()];
        for (int k = 0; k < testScores.length; k++) {
            testScores[k] = cache.computeIfAbsent(test.users()[k], model::scores)[test.items()[k]];
        }
        PlattScaling platt = PlattScaling.fit(evalScores, data.evalLabels);
        double[] probabilities = Arrays.stream(testScores).map(platt::probability).toArray();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", Metrics.auc(testScores, test.labels()));
        m.put("f1", Metrics.f1(probabilities, test.labels(), 0.5));
        return m;
    }

    Map<String, Double> topK(Recommender model, InteractionData data, InteractionData.TestSet test) {
        Map<Integer, int[]> relevant = relevantByUser(test);
        int maxK = config.ks().stream().mapToInt(Integer::intValue).max().orElse(20);
        Map<Integer, double[]> sums = new TreeMap<>();
        for (int k : config.ks()) {
            sums.put(k, new double[4]);
        }
        boolean[][] known = knownPositives(data);
        for (Map.Entry<Integer, int[]> e : relevant.entrySet()) {
            int user = e.getKey();
            float[] s = model.scores(user);
            int[] ranked = top(s, known[user], maxK);
            for (int k : config.ks()) {
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
            for (int k : config.ks()) {
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
