package org.mmkgrec.embedding.tags;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainHistory;
import org.mmkgrec.embedding.train.TrainListener;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Trainable;
import org.mmkgrec.embedding.train.Trainer;

/**
 * What the learned tag models share: pairwise training on the shared {@link Trainer} (seeding,
 * Adam, steps in their own scopes, the divergence check, early stopping on the validation posts'
 * Recall@10 with the best check's parameters restored). A training example is a (post, tag of the
 * post) pair of a training post with one negative tag the post does not hold: drawn uniformly from
 * all tags (PITF's sampling, Rendle and Schmidt-Thieme 2010), or, for a share {@link #hardNegatives()}
 * of the examples, from the tags the user or the item was given in other training posts (the
 * plausible tags a test post must be told apart from; uniform when there are none); the loss is BPR's
 * {@code softplus(-(s_pos - s_neg))} plus the model's L2 term. Models that can score every tag at
 * once may instead train with the full softmax over the tags ({@code loss=softmax}): the example's
 * tag against every tag, the post's other tags left out of the normaliser, which is the ranking the
 * protocol asks for rather than one pair of it. After training, the model scores from
 * a copy of its parameters in plain arrays ({@link #prepare}), as the evaluator and the monitor ask.
 */
abstract class TrainedTagModel implements TagModel, Trainable {

    /** One step's examples: user, item, positive tag, negative tag and the post's tags per row. */
    record Batch(long[] users, long[] items, long[] positives, long[] negatives, int[][] postTags) {
        int size() {
            return users.length;
        }
    }

    private final TrainOptions options;
    protected TagData corpus;
    protected TagData.Training training;
    /** The training posts' counts (the only counts a model reads). */
    protected TagCounts counts;
    /** The parameters scoring reads, by name, flattened row-major. */
    protected Map<String, float[]> state = Map.of();
    /** The training (user, item, tag) examples, and each one's post tags. */
    private int[][] examples;
    private int[][] postTags;
    private TrainHistory history;
    /** The epochs of a {@link #refit}: the first fit's best; 0 outside one. */
    private int refitEpochs;
    private TrainHistory selection;

    /** What the loop reads of a model's validated Config (its record's accessors). */
    interface Settings {
        int epochs();

        int batchSize();

        float learningRate();

        int seed();

        /** The share of negatives drawn from the user's and the item's other tags, in [0, 1] (BPR only). */
        default float hardNegatives() {
            return 0f;
        }
    }

    private final Settings settings;

    TrainedTagModel(Settings settings, TrainOptions options) {
        this.settings = settings;
        this.options = options == null ? TrainOptions.defaults() : options;
    }

    @Override
    public Schedule schedule() {
        return new Schedule(refitEpochs > 0 ? refitEpochs : settings.epochs(), settings.learningRate(), settings.seed());
    }

    int batchSize() {
        return settings.batchSize();
    }

    float hardNegatives() {
        return settings.hardNegatives();
    }

    /** Creates the parameters (after the trainer seeded the engine). */
    abstract void buildParameters(TrainContext context);

    /** The batch's loss, BPR plus L2, built in the step's scope. */
    abstract NDArray loss(NDManager scope, Params p, Batch b);

    /** Whether this fit trains with the full softmax over the tags ({@link #logits} and {@link #penalty}). */
    boolean softmax() {
        return false;
    }

    /** {@code (B, tags)}: the score of every tag for each example's (user, item); for the softmax loss. */
    NDArray logits(NDManager scope, Params p, Batch b) {
        throw new UnsupportedOperationException(name() + " has no softmax loss");
    }

    /** The L2 term of the softmax loss (the rows the step read). */
    NDArray penalty(NDManager scope, Params p, Batch b) {
        throw new UnsupportedOperationException(name() + " has no softmax loss");
    }

    /**
     * Cross-entropy of each example's tag under the softmax over every tag, the post's other tags
     * masked out of the normaliser, plus the penalty.
     */
    private NDArray softmaxLoss(NDManager scope, Params p, Batch b) {
        int size = b.size();
        int tags = corpus.tagCount();
        float[] mask = new float[size * tags];
        float[] target = new float[size * tags];
        for (int r = 0; r < size; r++) {
            for (int t : b.postTags()[r]) {
                mask[r * tags + t] = t == b.positives()[r] ? 0f : -1e9f;
            }
            target[r * tags + (int) b.positives()[r]] = 1f;
        }
        ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(size, tags);
        NDArray logProbabilities = logits(scope, p, b).add(scope.create(mask, shape)).logSoftmax(1);
        return logProbabilities.mul(scope.create(target, shape)).sum(new int[] {1}).neg().mean()
                .add(penalty(scope, p, b).div(size));
    }

    /** Derives what scoring needs from {@link #state} (called whenever it changes). */
    abstract void prepare();

    @Override
    public void fit(TagData.Training data) {
        this.training = data;
        this.corpus = data.corpus();
        this.counts = new TagCounts(corpus, data.train());
        int tags = corpus.tagCount();
        Trainer.Monitor monitor = new Trainer.Monitor() {
            @Override
            public String label() {
                return "Recall@10 (validation posts)";
            }

            @Override
            public boolean available() {
                return !data.validation().isEmpty();
            }

            @Override
            public double of(Snapshot s) {
                use(s);
                return TagMetrics.recallAt10(TrainedTagModel.this, data.validation(), tags);
            }
        };
        Trainer.Result r = Trainer.fit(this, monitor, options, List.of(TrainListener.progress(), TrainListener.summary()));
        use(r.vectors());
        history = r.history();
    }

    private void use(Snapshot s) {
        state = s.entities();
        prepare();
    }

    /** Trains again from the seed on {@code all} for the best epoch of the first fit, no monitor. */
    @Override
    public void refit(TagData.Training all) {
        if (history == null) {
            throw new IllegalStateException(name() + " refit before fit");
        }
        selection = history;
        refitEpochs = history.bestEpoch();
        try {
            fit(new TagData.Training(all.corpus(), all.train(), List.of()));
        } finally {
            refitEpochs = 0;
        }
    }

    @Override
    public void build(TrainContext context, InteractionData ignored) {
        List<int[]> rows = new ArrayList<>();
        List<int[]> held = new ArrayList<>();
        for (TagData.Post p : training.train()) {
            for (int t : p.tags()) {
                rows.add(new int[] {p.user(), p.item(), t});
                held.add(p.tags());
            }
        }
        examples = rows.toArray(int[][]::new);
        postTags = held.toArray(int[][]::new);
        buildParameters(context);
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        Random random = context.random();
        int n = examples.length;
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int x = order[k];
            order[k] = order[j];
            order[j] = x;
        }
        List<Batch> batches = new ArrayList<>();
        int tags = corpus.tagCount();
        for (int from = 0; from < n; from += batchSize()) {
            int size = Math.min(batchSize(), n - from);
            long[] u = new long[size];
            long[] i = new long[size];
            long[] pos = new long[size];
            long[] neg = new long[size];
            int[][] held = new int[size][];
            for (int r = 0; r < size; r++) {
                int[] e = examples[order[from + r]];
                u[r] = e[0];
                i[r] = e[1];
                pos[r] = e[2];
                held[r] = postTags[order[from + r]];
                neg[r] = random.nextFloat() < hardNegatives() ? plausible(random, e[0], e[1], held[r], tags)
                        : negative(random, held[r], tags);
            }
            batches.add(new Batch(u, i, pos, neg, held));
        }
        Params p = context.params();
        return context.meanOver(batches, (scope, b) -> softmax() ? softmaxLoss(scope, p, b) : loss(scope, p, b));
    }

    /** A tag drawn uniformly from those the post does not hold. */
    static int negative(Random random, int[] postTags, int tagCount) {
        if (postTags.length >= tagCount) {
            throw new IllegalStateException("a post holds every tag: no negative to draw");
        }
        while (true) {
            int t = random.nextInt(tagCount);
            if (java.util.Arrays.binarySearch(postTags, t) < 0) {
                return t;
            }
        }
    }

    /** A tag of the user's or the item's training posts that this post does not hold; uniform if none. */
    private int plausible(Random random, int user, int item, int[] post, int tagCount) {
        TagCounts.Sparse u = counts.user(user);
        TagCounts.Sparse i = counts.item(item);
        int n = u.tags().length + i.tags().length;
        for (int attempt = 0; attempt < 8 && n > 0; attempt++) {
            int k = random.nextInt(n);
            int t = k < u.tags().length ? u.tags()[k] : i.tags()[k - u.tags().length];
            if (java.util.Arrays.binarySearch(post, t) < 0) {
                return t;
            }
        }
        return negative(random, post, tagCount);
    }

    @Override
    public Snapshot snapshot(TrainContext context) {
        Map<String, float[]> out = new LinkedHashMap<>();
        context.params().all().forEach((name, array) -> out.put(name, array.toFloatArray()));
        return Snapshot.ofParameters(out);
    }

    @Override
    public List<Double> lossCurve() {
        return history == null ? List.of() : history.losses();
    }

    @Override
    public String note() {
        TrainHistory first = selection != null ? selection : history;
        if (first == null) {
            return "";
        }
        return String.format(Locale.ROOT, "best epoch %d of %d run (of %d)%s; validation Recall@10 %.4f; %.2f s/epoch%s",
                first.bestEpoch(), first.epochsRun(), first.epochsConfigured(), first.stoppedEarly() ? ", early stop" : "",
                first.evalBefore(), first.loopSecondsPerEpoch(), selection == null ? ""
                        : String.format(Locale.ROOT, "; refitted on training + validation posts for %d epochs", history.epochsRun()));
    }

    /**
     * An item's content tokens, rows of an {@code entities} parameter of {@code entityCount + 2} rows:
     * the "no content" token (row {@code entityCount}, so an item without KG links still has one),
     * then its first {@code maxTokens} KG entities. Row {@code entityCount + 1} pads.
     */
    int[] tokens(int item, int maxTokens) {
        int[] es = corpus.itemEntities[item];
        int n = Math.min(es.length, maxTokens);
        int[] out = new int[n + 1];
        out[0] = corpus.entityCount;
        System.arraycopy(es, 0, out, 1, n);
        return out;
    }

    /** {tokens (B, L, d), mask (B, L)}: the batch's items' {@link #tokens}, padded to the longest. */
    NDArray[] tokenBatch(NDManager scope, NDArray entities, long[] items, int maxTokens) {
        int size = items.length;
        int d = (int) entities.getShape().get(1);
        int[][] rows = new int[size][];
        int width = 1;
        for (int r = 0; r < size; r++) {
            rows[r] = tokens((int) items[r], maxTokens);
            width = Math.max(width, rows[r].length);
        }
        long[] index = new long[size * width];
        float[] mask = new float[size * width];
        java.util.Arrays.fill(index, corpus.entityCount + 1L);
        for (int r = 0; r < size; r++) {
            for (int k = 0; k < rows[r].length; k++) {
                index[r * width + k] = rows[r][k];
                mask[r * width + k] = 1f;
            }
        }
        NDArray tokens = entities.get(scope, new ai.djl.ndarray.index.NDIndex("{}", scope.create(index))).reshape(size, width, d);
        return new NDArray[] {tokens, scope.create(mask, new ai.djl.ndarray.types.Shape(size, width))};
    }

    /** The rows of an item's {@link #tokens} in a flattened {@code entities} parameter. */
    double[][] tokenRows(int item, int maxTokens, float[] entities, int d) {
        int[] t = tokens(item, maxTokens);
        double[][] out = new double[t.length][];
        for (int k = 0; k < t.length; k++) {
            out[k] = row(entities, t[k], d);
        }
        return out;
    }

    /** Row {@code r} of a flattened parameter with {@code d} columns, dotted with row {@code s} of another. */
    static double dot(float[] a, int r, float[] b, int s, int d) {
        double sum = 0;
        int x = r * d;
        int y = s * d;
        for (int k = 0; k < d; k++) {
            sum += a[x + k] * b[y + k];
        }
        return sum;
    }

    /** {@code out[t] += v . rows[t]} for every row of a flattened {@code (out.length, d)} parameter. */
    static void addDots(double[] out, double[] v, float[] rows, int d) {
        for (int t = 0; t < out.length; t++) {
            double sum = 0;
            int x = t * d;
            for (int k = 0; k < d; k++) {
                sum += v[k] * rows[x + k];
            }
            out[t] += sum;
        }
    }

    /** Row {@code r} of a flattened parameter as doubles. */
    static double[] row(float[] a, int r, int d) {
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            out[k] = a[r * d + k];
        }
        return out;
    }
}
