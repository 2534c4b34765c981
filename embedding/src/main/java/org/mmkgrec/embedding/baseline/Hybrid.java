package org.mmkgrec.embedding.baseline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mmkgrec.cypher.rec.GraphRecommender;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Validation;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The service's hybrid recommender (co-likers, KG neighbours, text vectors, popularity; the
 * {@code mmkg.recommend} procedure) under the evaluator, on the training side only: the eval split's
 * interactions are hidden from it ({@code trainingOnly}), as from every model.
 *
 * <p>Its score is {@code cf t_cf + kg t_kg + content t_content + pop t_pop} over the four scaled terms
 * ({@link GraphRecommender#reachedTerms}, scaled as {@link GraphRecommender#scoreAll} scales them). With {@code fitWeights} (default) the weights are chosen on
 * the eval split, like the trained models' popularity prior: the terms of every eval user are walked
 * once, then a grid of weightings (cf fixed at 1, the service's defaults among them) is scored by the
 * protocol's eval metric; the service's defaults are {@code 1, 0.3, 0.2, 0.05}. A store without an
 * eval split of its own (a validation slice carved in memory, which the graph still holds as training
 * interactions) keeps the given weights: fitting on it would leak. The terms of a user
 * are cached for the run, so scoring the test part walks the graph at most once more per user.
 *
 * <p>Cost: per user only the items a term reaches are read and kept (their cf, kg and content terms
 * in arrays); every item's popularity term is read from the store once per run. Reading every
 * item's id and popularity for every user, and keeping four dense rows per user, cost
 * users x items property reads and 16 bytes x users x items of memory (11 GiB at 10x Last.FM).
 */
public final class Hybrid implements Recommender {
    static final double[] KG = {0, 0.1, 0.3, 0.6, 1};
    static final double[] CONTENT = {0, 0.1, 0.2, 0.5, 1};
    /** Up to popularity dominating, the other terms breaking its ties (as the trained models' prior). */
    static final double[] POP = {0, 0.05, 0.2, 0.5, 1, 2, 5, 10, 20, 50};

    /**
     * @param cf weight of the co-likers term (default 1)
     * @param kg weight of the KG-neighbours term (default 0.3)
     * @param content weight of the text-vector term (default 0.2)
     * @param pop weight of the log-popularity term (default 0.05)
     * @param neighbours co-likers the cf term counts (the service's {@code neighbours}, default 100)
     * @param fitWeights choose the weights on the eval split instead (default true)
     */
    public record Config(double cf, double kg, double content, double pop, int neighbours, boolean fitWeights) {
        public Config {
            if (!(cf >= 0 && kg >= 0 && content >= 0 && pop >= 0)) {
                throw new IllegalArgumentException("hybrid weights must be >= 0, were " + cf + ", " + kg + ", " + content + ", " + pop);
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("hybrid neighbours must be >= 1, was " + neighbours);
            }
        }

        public static Config defaults() {
            RecConfig.Weights w = RecConfig.Weights.DEFAULT;
            return new Config(w.cf(), w.kg(), w.content(), w.pop(), RecConfig.DEFAULT_NEIGHBOURS, true);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    private final TrainOptions options;
    private final RecConfig termsConfig;
    private final Map<Integer, Reached> terms = new HashMap<>();
    private InteractionData data;
    /** Per item index, {@code log(1 + popularity) / max} over the store's items. */
    private float[] popularity;
    /** Item node element id to item index. */
    private Map<String, Integer> itemOfNode;
    private double[] weights;
    private String note = "";

    public Hybrid(GraphDatabaseService db) {
        this(db, Config.defaults(), null);
    }

    public Hybrid(GraphDatabaseService db, Config config, TrainOptions options) {
        this.db = db;
        this.config = config;
        this.options = options == null ? TrainOptions.defaults() : options;
        this.termsConfig = RecConfig.parse(Map.of("trainingOnly", true, "excludeSeen", false, "explain", false,
                "neighbours", (long) config.neighbours()), 2);
    }

    @Override
    public String name() {
        return "hybrid";
    }

    /** The weights in use {cf, kg, content, pop} (after fit). */
    public double[] weights() {
        return weights.clone();
    }

    /** What the fit chose, for the report. */
    public String note() {
        return note;
    }

    @Override
    public void fit(InteractionData training) {
        this.data = training;
        terms.clear();
        readItems();
        weights = new double[] {config.cf(), config.kg(), config.content(), config.pop()};
        Validation validation = new Validation(training, options.metricFor(training));
        if (!config.fitWeights() || !validation.available()) {
            note = String.format(Locale.ROOT, "weights %s (given)", describe(weights));
            return;
        }
        if (training.evalSliced()) {
            // the slice's positives are training interactions in the graph the hybrid walks: fitting on them would leak
            note = String.format(Locale.ROOT, "weights %s (the service's; the store has no eval split of its own to fit them on)",
                    describe(weights));
            System.err.println("  hybrid: " + note);
            return;
        }
        double before = validation.of(this);
        double best = before;
        double[] chosen = weights.clone();
        for (double kg : KG) {
            for (double content : CONTENT) {
                for (double pop : POP) {
                    weights = new double[] {1, kg, content, pop};
                    double m = validation.of(this);
                    if (m > best + 1e-9) {
                        best = m;
                        chosen = weights.clone();
                    }
                }
            }
        }
        weights = chosen;
        note = String.format(Locale.ROOT, "weights %s fitted on the eval split: eval %s %.4f (the service's defaults: %.4f)",
                describe(weights), validation.metric().label(), best, before);
        System.err.println("  hybrid: " + note);
    }

    private static String describe(double[] w) {
        return String.format(Locale.ROOT, "{cf %s, kg %s, content %s, pop %s}", w[0], w[1], w[2], w[3]);
    }

    /**
     * The scaled cf, kg and content terms of the items a user reaches (parallel arrays, by ascending
     * item index, so {@link #scores(int, int[])} finds an item by binary search).
     */
    private record Reached(int[] items, float[] cf, float[] kg, float[] content) {}

    @Override
    public float[] scores(int user) {
        Reached r = terms.computeIfAbsent(user, this::termsOf);
        float[] s = new float[data.itemCount()];
        float wPop = (float) weights[3];
        if (wPop != 0) {
            for (int i = 0; i < s.length; i++) {
                s[i] = wPop * popularity[i];
            }
        }
        float wCf = (float) weights[0];
        float wKg = (float) weights[1];
        float wContent = (float) weights[2];
        for (int k = 0; k < r.items().length; k++) {
            s[r.items()[k]] += wCf * r.cf()[k] + wKg * r.kg()[k] + wContent * r.content()[k];
        }
        return s;
    }

    /**
     * The same sums for just {@code items}: each item's popularity term, plus its reached terms when a
     * term reaches it (found by binary search), in the order {@link #scores(int)} adds them. The
     * weight fit's eval AUC and the CTR protocol score their pairs this way, with no row of every item.
     */
    @Override
    public float[] scores(int user, int[] items) {
        Reached r = terms.computeIfAbsent(user, this::termsOf);
        float[] s = new float[items.length];
        float wPop = (float) weights[3];
        float wCf = (float) weights[0];
        float wKg = (float) weights[1];
        float wContent = (float) weights[2];
        int[] reached = r.items();
        for (int j = 0; j < s.length; j++) {
            int item = items[j];
            if (wPop != 0) {
                s[j] = wPop * popularity[item];
            }
            int k = Arrays.binarySearch(reached, item);
            if (k < 0) {
                continue;
            }
            while (k > 0 && reached[k - 1] == item) {
                k--;
            }
            for (; k < reached.length && reached[k] == item; k++) {
                s[j] += wCf * r.cf()[k] + wKg * r.kg()[k] + wContent * r.content()[k];
            }
        }
        return s;
    }

    /** Every item's popularity term and the node-to-index map, read once per fit. */
    private void readItems() {
        popularity = new float[data.itemCount()];
        itemOfNode = new HashMap<>();
        double maxPop = 0;
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> items = new GraphRecommender(tx).items()) {
            while (items.hasNext()) {
                Node item = items.next();
                double p = GraphRecommender.logPopularity(item);
                maxPop = Math.max(maxPop, p);
                Integer i = data.itemIndex((String) item.getProperty("id"));
                if (i != null) {
                    itemOfNode.put(item.getElementId(), i);
                    popularity[i] = (float) p;
                }
            }
        }
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = maxPop > 0 ? (float) (popularity[i] / maxPop) : 0;
        }
    }

    /** The user's reached items and their scaled terms. */
    private Reached termsOf(int user) {
        try (Transaction tx = db.beginTx()) {
            GraphRecommender rec = new GraphRecommender(tx);
            Node u = rec.user(data.users.get(user)).orElseThrow();
            Map<Node, double[]> reached = rec.reachedTerms(u, termsConfig);
            double maxCf = 0;
            double maxKg = 0;
            for (double[] t : reached.values()) {
                maxCf = Math.max(maxCf, t[0]);
                maxKg = Math.max(maxKg, t[1]);
            }
            double cfScale = maxCf > 0 ? 1 / maxCf : 0;
            double kgScale = maxKg > 0 ? 1 / maxKg : 0;
            int[] items = new int[reached.size()];
            float[] cf = new float[items.length];
            float[] kg = new float[items.length];
            float[] content = new float[items.length];
            int n = 0;
            for (Map.Entry<Node, double[]> e : reached.entrySet()) {
                Integer i = itemOfNode.get(e.getKey().getElementId());
                if (i == null) {
                    continue;
                }
                double[] t = e.getValue();
                items[n] = i;
                cf[n] = (float) (t[0] * cfScale);
                kg[n] = (float) (t[1] * kgScale);
                content[n] = (float) t[2];
                n++;
            }
            return byItem(items, cf, kg, content, n);
        }
    }

    /** The first {@code n} entries of the parallel arrays, by ascending item (entries of one item, if any, in their order). */
    private static Reached byItem(int[] items, float[] cf, float[] kg, float[] content, int n) {
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = (long) items[k] << 32 | k;
        }
        Arrays.sort(keys);
        int[] sortedItems = new int[n];
        float[] sortedCf = new float[n];
        float[] sortedKg = new float[n];
        float[] sortedContent = new float[n];
        for (int k = 0; k < n; k++) {
            int from = (int) keys[k];
            sortedItems[k] = items[from];
            sortedCf[k] = cf[from];
            sortedKg[k] = kg[from];
            sortedContent[k] = content[from];
        }
        return new Reached(sortedItems, sortedCf, sortedKg, sortedContent);
    }
}
