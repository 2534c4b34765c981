package org.mmkgrec.embedding.tags;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.QueryAttention;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;

/**
 * UHMAN-style user-conditional tag recommendation ("User Conditional Hashtag Recommendation for
 * Micro-Videos"): the tags should describe the content and fit the user's own habits.
 * <ul>
 *   <li>The user is their own vector plus what they tagged before: {@code p_u = U_u + sum_t w_ut H^U_t}
 *       over the user's most-used training tags ({@code w_ut} their shares, optionally weighted to
 *       the user's recent posts: {@code recency}), so a user with few posts is still described by the
 *       tags they chose, and a user whose vocabulary drifts by the tags they use now.</li>
 *   <li>The user is the query of a multi-head attention over the item's content tokens (its KG
 *       entities, and a learned "no content" token so an item without KG links still attends): the
 *       same item reads differently for different users, {@code c(u, i)}.</li>
 *   <li>The item is its own vector, what others tagged it with, and the attended content:
 *       {@code q_ui = I_i + sum_t w_it H^I_t + c(u, i)}.</li>
 * </ul>
 * {@code s(u, i, t) = p_u . T^U_t + q_ui . T^I_t}; trained with the full softmax over the tags
 * ({@link TrainedTagModel}). In training, a post's tags never explain themselves: the user's history
 * holds only the user's earlier posts ({@code causal}, the default; else every other post), the
 * item's history leaves the post out. Without histories and content this is PITF. Variants tried
 * and dropped on Last.FM's validation posts (README, "Tag recommendation"): the item's tags as
 * attention tokens too, content-only training of a share of the examples (item dropout), the tag
 * shares added with a per-user gate (diverged), and the shares added as learned log-evidence terms. Item text is not a token: Last.FM's item text
 * lists each artist's top tags, test posts included (leakage).
 */
public final class Uhman extends TrainedTagModel {

    /**
     * @param dimension vector size (default 64)
     * @param heads attention heads (default 2; must divide the dimension)
     * @param maxTokens the most KG entity tokens per item (default 16: the first by entity index)
     * @param history the most tags of the user's and of the item's history read (default 32, the most used; 0: none)
     * @param recency half-life in posts of the user's history weights ({@link TagCounts#user(int, double)}:
     *     a post followed by {@code a} later posts of the user counts {@code 2^(-a/recency)}); 0: plain
     *     counts (default 20)
     * @param causal whether a training post's user history holds only the user's posts before it (ages
     *     counted from it), as a test post's does (default); false: every other training post of the user
     * @param epochs the most passes over the training (post, tag) pairs (default 100; early stopping ends sooner)
     * @param batchSize pairs per step (default 1024)
     * @param learningRate Adam's learning rate (default 0.01)
     * @param l2 weight of the L2 penalty on the rows a step reads (default 1e-4)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int heads, int maxTokens, int history, float recency, boolean causal, int epochs,
                         int batchSize, float learningRate, float l2, int seed) implements Settings {
        public Config {
            if (dimension < 1 || heads < 1 || maxTokens < 0 || history < 0 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException(
                        "`dimension`, `heads`, `epochs` and `batchSize` must be >= 1, `maxTokens` and `history` >= 0");
            }
            if (!(recency >= 0) || Float.isInfinite(recency)) {
                throw new IllegalArgumentException("`recency` (a half-life in posts) must be >= 0 and finite, was " + recency);
            }
            if (dimension % heads != 0) {
                throw new IllegalArgumentException("`dimension` (" + dimension + ") must be a multiple of `heads` (" + heads + ")");
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 16, 32, 20f, true, 100, 1024, 0.01f, 1e-4f, seed);
        }
    }

    private final Config config;
    private final QueryAttention attention;
    /** The user, item and token rows the step's {@link #logits} read, for its {@link #penalty}. */
    private NDArray[] stepRows;
    /** Each training post's user history (leave-one-out or causal), by post; built as steps ask. */
    private final java.util.Map<Long, History> userHistories = new java.util.concurrent.ConcurrentHashMap<>();

    public Uhman(Config config, TrainOptions options) {
        super(config, options);
        this.config = config;
        this.attention = new QueryAttention("attention", config.dimension(), config.heads());
    }

    @Override
    public String name() {
        return "uhman";
    }

    @Override
    boolean softmax() {
        return true;
    }

    @Override
    NDArray loss(NDManager scope, Params p, Batch b) {
        throw new UnsupportedOperationException("uhman trains with the softmax over every tag");
    }

    @Override
    void buildParameters(TrainContext context) {
        int d = config.dimension();
        Params p = context.params();
        userHistories.clear(); // a refit brings other counts
        p.normal("users", 0.01f, corpus.userCount(), d);
        p.normal("items", 0.01f, corpus.itemCount(), d);
        p.normal("entities", 0.01f, corpus.entityCount + 2, d);
        p.normal("tagsUser", 0.01f, corpus.tagCount(), d);
        p.normal("tagsItem", 0.01f, corpus.tagCount(), d);
        // one more row each: the padding of a short history (weight 0)
        p.normal("historyUser", 0.01f, corpus.tagCount() + 1, d);
        p.normal("historyItem", 0.01f, corpus.tagCount() + 1, d);
        attention.create(p);
    }

    /** Tags of a user's or an item's history, most used first, and their shares. */
    record History(int[] tags, double[] weights) {}

    /**
     * The {@code history} most-used tags of a source (ties: the lower tag index) with their shares,
     * {@code post}'s tags taken out at weight {@code postWeight} (leave-one-out; null for none).
     */
    History history(TagCounts.Sparse s, int[] post, double postWeight) {
        int n = s.tags().length;
        double[] c = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            c[k] = s.counts()[k] - (post != null && Arrays.binarySearch(post, s.tags()[k]) >= 0 ? postWeight : 0);
            c[k] = c[k] > 1e-9 ? c[k] : 0; // what is left of a post taken out, in floating point
            total += c[k];
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        double[] cc = c;
        Arrays.sort(order, (x, y) -> cc[x] != cc[y] ? Double.compare(cc[y], cc[x]) : Integer.compare(s.tags()[x], s.tags()[y]));
        int m = 0;
        while (m < Math.min(config.history(), n) && c[order[m]] > 0) {
            m++;
        }
        int[] tags = new int[m];
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            tags[k] = s.tags()[order[k]];
            w[k] = c[order[k]] / total;
        }
        return new History(tags, w);
    }

    /** The user's history for their training post on {@code item} (whose tags are {@code post}). */
    private History userHistory(int user, int item, int[] post) {
        double h = config.recency();
        return userHistories.computeIfAbsent((long) user * corpus.itemCount() + item, key -> config.causal()
                ? history(counts.userBefore(user, item, h), null, 0)
                : history(counts.user(user, h), post, counts.weight(user, item, h)));
    }

    /** {@code (B, d)}: the weighted history rows of each example (padding rows weigh 0). */
    private NDArray historyVectors(NDManager scope, NDArray table, History[] histories) {
        int size = histories.length;
        int width = Math.max(1, config.history());
        long[] index = new long[size * width];
        float[] weight = new float[size * width];
        Arrays.fill(index, corpus.tagCount());
        for (int r = 0; r < size; r++) {
            int[] tags = histories[r].tags();
            double[] w = histories[r].weights();
            for (int k = 0; k < tags.length; k++) {
                index[r * width + k] = tags[k];
                weight[r * width + k] = (float) w[k];
            }
        }
        int d = config.dimension();
        return Pitf.rows(scope, table, index).reshape(size, width, d)
                .mul(scope.create(weight, new Shape(size, width, 1))).sum(new int[] {1});
    }

    @Override
    NDArray logits(NDManager scope, Params p, Batch b) {
        int size = b.size();
        int d = config.dimension();
        NDArray u = Pitf.rows(scope, p.get("users"), b.users());
        NDArray i = Pitf.rows(scope, p.get("items"), b.items());
        NDArray pu = u;
        NDArray qi = i;
        if (config.history() > 0) {
            History[] hu = new History[size];
            History[] hi = new History[size];
            for (int r = 0; r < size; r++) {
                hu[r] = userHistory((int) b.users()[r], (int) b.items()[r], b.postTags()[r]);
                hi[r] = history(counts.item((int) b.items()[r]), b.postTags()[r], 1);
            }
            pu = pu.add(historyVectors(scope, p.get("historyUser"), hu));
            qi = qi.add(historyVectors(scope, p.get("historyItem"), hi));
        }
        NDArray[] content = tokenBatch(scope, p.get("entities"), b.items(), config.maxTokens());
        stepRows = new NDArray[] {u, i, content[0].mul(content[1].expandDims(2))};
        qi = qi.add(attention.forward(p, pu, content[0], content[1]));
        return pu.matMul(p.get("tagsUser").transpose()).add(qi.matMul(p.get("tagsItem").transpose()));
    }

    @Override
    NDArray penalty(NDManager scope, Params p, Batch b) {
        NDArray t = Pitf.rows(scope, p.get("tagsUser"), b.positives());
        NDArray ti = Pitf.rows(scope, p.get("tagsItem"), b.positives());
        NDArray reg = stepRows[0].square().sum().add(stepRows[1].square().sum()).add(stepRows[2].square().sum())
                .add(t.square().sum()).add(ti.square().sum()).mul(config.l2());
        stepRows = null;
        return reg;
    }

    @Override
    void prepare() {
        // scoring reads the state directly
    }

    @Override
    public void scores(int user, int item, double[] out) {
        int d = config.dimension();
        double[] pu = row(state.get("users"), user, d);
        double[] qi = row(state.get("items"), item, d);
        if (config.history() > 0) {
            addHistory(pu, history(counts.user(user, config.recency()), null, 0), state.get("historyUser"), d);
            addHistory(qi, history(counts.item(item), null, 0), state.get("historyItem"), d);
        }
        double[] c = attention.apply(state, pu, tokenRows(item, config.maxTokens(), state.get("entities"), d));
        for (int k = 0; k < d; k++) {
            qi[k] += c[k];
        }
        Arrays.fill(out, 0);
        addDots(out, pu, state.get("tagsUser"), d);
        addDots(out, qi, state.get("tagsItem"), d);
    }

    private static void addHistory(double[] v, History history, float[] table, int d) {
        int[] tags = history.tags();
        double[] w = history.weights();
        for (int k = 0; k < tags.length; k++) {
            for (int j = 0; j < d; j++) {
                v[j] += w[k] * table[tags[k] * d + j];
            }
        }
    }
}
