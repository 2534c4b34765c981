package org.mmkgrec.embedding.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values {@code ./mmkg tune} tries for each model, by the names of the model's {@code Config}
 * fields (the same names {@code --param} takes). Epochs are not searched: early stopping on the eval
 * split chooses them.
 */
public final class SearchSpace {
    private static final Map<String, Map<String, List<String>>> SPACES = new LinkedHashMap<>();

    static {
        SPACES.put("itemknn", space(
                "neighbours", List.of("0", "20", "50", "100", "200", "400"),
                "shrink", List.of("0", "1", "5", "10", "20", "50")));
        SPACES.put("hybrid", space(
                "neighbours", List.of("20", "50", "100", "200", "400", "1000")));
        SPACES.put("bprmf", space(
                "dimension", List.of("16", "32", "64", "128"),
                "learningRate", List.of("0.001", "0.002", "0.005", "0.01"),
                "l2", List.of("0.00001", "0.0001", "0.001", "0.01", "0.03", "0.1"),
                "batchSize", List.of("512", "1024", "2048")));
        SPACES.put("lightgcn", space(
                "dimension", List.of("32", "64", "128"),
                "layers", List.of("1", "2", "3", "4"),
                "learningRate", List.of("0.001", "0.002", "0.005", "0.01"),
                "l2", List.of("0.00001", "0.0001", "0.001"),
                "batchSize", List.of("1024", "2048", "4096")));
        SPACES.put("mmgcn", space(
                "dimension", List.of("32", "64"),
                "layers", List.of("1", "2", "3"),
                "learningRate", List.of("0.001", "0.002", "0.005", "0.01"),
                "l2", List.of("0.00001", "0.0001", "0.001"),
                "batchSize", List.of("1024", "2048", "4096")));
        SPACES.put("bm3", space(
                // BM3's own grid (layers 1-2, dropout 0.3/0.5, reg 0.1/0.01), the learning rate, and A + I or A
                "layers", List.of("1", "2"),
                "dropout", List.of("0.3", "0.5"),
                "regWeight", List.of("0.1", "0.01"),
                "learningRate", List.of("0.001", "0.005", "0.01"),
                "selfLoops", List.of("true", "false"),
                // which modalities help depends on the data set (README, modality ablation)
                "modalities", List.of("all", "content", "none")));
        SPACES.put("mf-side", space(
                "dimension", List.of("32", "64"),
                "learningRate", List.of("0.002", "0.005", "0.01"),
                "l2", List.of("0.001", "0.01", "0.03"),
                "fusion", List.of("early", "late", "attention"),
                "modalities", List.of("all", "content", "none")));
        SPACES.put("transe", space(
                "dimension", List.of("32", "64", "128"),
                "learningRate", List.of("0.003", "0.01", "0.03"),
                "margin", List.of("0.5", "1.0", "2.0")));
        SPACES.put("mkgat", space(
                "dimension", List.of("32", "64"),
                "layers", List.of("1", "2", "3"),
                "learningRate", List.of("0.001", "0.002", "0.005", "0.01"),
                "l2", List.of("0.000001", "0.00001", "0.0001"),
                "batchSize", List.of("1024", "2048", "4096")));
        SPACES.put("crm-man", space(
                "learningRate", List.of("0.0005", "0.001", "0.0015", "0.003"),
                "l2", List.of("0.000001", "0.00001", "0.0001"),
                // its attention costs grow with negatives x neighbours and its steps with 1 / batch size:
                // 40 neighbours at batch 256 ran ~20x the defaults' epoch time on 2 cores
                "negatives", List.of("4", "8", "16"),
                "neighbours", List.of("10", "20"),
                "batchSize", List.of("512", "1024")));
    }

    private SearchSpace() {}

    private static Map<String, List<String>> space(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[k + 1];
            m.put((String) pairs[k], values);
        }
        return m;
    }

    /** The models that have a search space. */
    public static List<String> models() {
        return List.copyOf(SPACES.keySet());
    }

    /** The space of {@code model}: parameter name to the values tried. */
    public static Map<String, List<String>> of(String model) {
        Map<String, List<String>> s = SPACES.get(model);
        if (s == null) {
            throw new IllegalArgumentException("no search space for `" + model + "`; tunable models: " + models());
        }
        return s;
    }

    /**
     * The assignments of {@code trials} trials: the first is empty (the model's defaults, so the
     * search never ends below them), the rest drawn at random without repeats (seeded), or, with
     * {@code grid}, the first {@code trials - 1} points of the full grid in order.
     */
    public static List<Map<String, String>> trials(String model, int trials, boolean grid, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("`trials` must be >= 1, was " + trials);
        }
        Map<String, List<String>> space = of(model);
        List<Map<String, String>> out = new ArrayList<>();
        out.add(Map.of());
        long size = space.values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
        Random random = new Random(seed);
        java.util.Set<Map<String, String>> seen = new java.util.HashSet<>();
        for (long t = 0; out.size() < trials && t < size && seen.size() < size; t++) {
            Map<String, String> a = new LinkedHashMap<>();
            long index = t;
            for (Map.Entry<String, List<String>> p : space.entrySet()) {
                List<String> values = p.getValue();
                if (grid) {
                    a.put(p.getKey(), values.get((int) (index % values.size())));
                    index /= values.size();
                } else {
                    a.put(p.getKey(), values.get(random.nextInt(values.size())));
                }
            }
            if (seen.add(a)) {
                out.add(a);
            } else if (!grid) {
                t--; // draw again
            }
        }
        return out;
    }
}
