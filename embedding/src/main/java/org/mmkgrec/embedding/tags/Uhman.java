package org.mmkgrec.embedding.tags;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.QueryAttention;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;

/**
 * UHMAN-style user-conditional tag recommendation ("User Conditional Hashtag Recommendation for
 * Micro-Videos"): the tags should describe the content and fit the user's own habits. The user's
 * vector {@code U_u} is the query of a multi-head attention over the item's content tokens (its KG
 * entities, plus a learned "no content" token so an item without KG links still attends), so the
 * same item reads differently for different users; the attended content {@code c(u, i)} is added to
 * the item's own vector, and tags are scored against both sides:
 * {@code s(u, i, t) = U_u . T^U_t + (I_i + c(u, i)) . T^I_t + sum_f g_f(u) a_f x_f(u, i, t)}.
 * The last term is the user's own habit read directly, as UHMAN reads the user's tag history: the
 * evidence {@code x_f} is the share of tag t in the user's own training tags, in the item's
 * training tags (other users' use) and in its KG neighbours' tags (the {@code TagMix} sources), each
 * with a learned weight {@code a_f = softplus(w_f)}, mixed per user by the gate
 * {@code g(u) = softmax(U_u G + b)}: one user follows their own vocabulary, another the crowd's.
 * In training the evidence leaves the example's own post out (else a post's tags would explain
 * themselves). Without the evidence and content this is PITF; the content tokens are shared
 * between items, so an item with few or no training posts is still scored from what it is. Item
 * text is not a token: Last.FM's item text lists each artist's top tags, test posts included
 * (leakage). BPR training on the shared loop ({@link TrainedTagModel}).
 */
public final class Uhman extends TrainedTagModel {

    /**
     * @param dimension vector size (default 64)
     * @param heads attention heads (default 2; must divide the dimension)
     * @param maxTokens the most KG entity tokens per item (default 16: the first by entity index)
     * @param epochs the most passes over the training (post, tag) pairs (default 100; early stopping ends sooner)
     * @param batchSize pairs per step (default 1024)
     * @param learningRate Adam's learning rate (default 0.005)
     * @param l2 weight of the L2 penalty on the rows a step reads (default 1e-4)
     * @param hardNegatives share of negatives drawn from the user's and the item's other tags (default 0.5)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int heads, int maxTokens, int epochs, int batchSize, float learningRate, float l2,
                         float hardNegatives, int seed) {
        public Config {
            if (dimension < 1 || heads < 1 || maxTokens < 0 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `heads`, `epochs` and `batchSize` must be >= 1, `maxTokens` >= 0");
            }
            if (dimension % heads != 0) {
                throw new IllegalArgumentException("`dimension` (" + dimension + ") must be a multiple of `heads` (" + heads + ")");
            }
            if (!(hardNegatives >= 0 && hardNegatives <= 1)) {
                throw new IllegalArgumentException("`hardNegatives` must be in [0, 1], was " + hardNegatives);
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 16, 100, 1024, 0.005f, 1e-4f, 0.5f, seed);
        }
    }

    private final Config config;
    private final QueryAttention attention;
    private float[] users;
    private float[] items;
    private float[] entities;
    private float[] tagsUser;
    private float[] tagsItem;

    public Uhman(Config config, TrainOptions options) {
        super(options);
        this.config = config;
        this.attention = new QueryAttention("attention", config.dimension(), config.heads());
    }

    @Override
    public String name() {
        return "uhman";
    }

    @Override
    public Schedule schedule() {
        return new Schedule(config.epochs(), config.learningRate(), config.seed());
    }

    @Override
    int batchSize() {
        return config.batchSize();
    }

    @Override
    float hardNegatives() {
        return config.hardNegatives();
    }

    @Override
    int dimension() {
        return config.dimension();
    }

    /** Row of the "no content" token; the row after it pads (masked out). */
    private int noneToken() {
        return corpus.entityCount;
    }

    @Override
    void buildParameters(TrainContext context) {
        int d = config.dimension();
        Params p = context.params();
        p.normal("users", 0.01f, corpus.userCount(), d);
        p.normal("items", 0.01f, corpus.itemCount(), d);
        p.normal("entities", 0.01f, corpus.entityCount + 2, d);
        p.normal("tagsUser", 0.01f, corpus.tagCount(), d);
        p.normal("tagsItem", 0.01f, corpus.tagCount(), d);
        attention.create(p);
        p.normal("gate", 0.01f, d, EVIDENCE);
        p.of("gateBias", new float[EVIDENCE], 1, EVIDENCE);
        // softplus(5) ~ 5: the evidence starts as a plain mix of the shares, the gate even
        p.of("evidence", new float[] {5f, 5f, 5f}, 1, EVIDENCE);
    }

    /** Evidence sources: the user's own tags, the item's tags, the KG neighbours' tags. */
    private static final int EVIDENCE = 3;

    /**
     * The shares of {@code tag} in the user's, the item's and the item's neighbours' training tags;
     * {@code post} (the example's own tags, or null) is taken out of the user's and the item's counts.
     */
    private void evidence(int user, int item, int tag, int[] post, float[] out, int at) {
        boolean own = post != null && java.util.Arrays.binarySearch(post, tag) >= 0;
        int held = post == null ? 0 : post.length;
        out[at] = share(TagCounts.count(counts.user(user), tag) - (own ? 1 : 0), TagCounts.total(counts.user(user)) - held);
        out[at + 1] = share(TagCounts.count(counts.item(item), tag) - (own ? 1 : 0), TagCounts.total(counts.item(item)) - held);
        TagCounts.Sparse n = counts.neighbours(item);
        out[at + 2] = share(TagCounts.count(n, tag), TagCounts.total(n));
    }

    private static float share(double count, double total) {
        return total > 0 && count > 0 ? (float) (count / total) : 0f;
    }

    /** The item's token rows: the "no content" token, then its first {@code maxTokens} entities. */
    private int[] tokens(int item) {
        int[] es = corpus.itemEntities[item];
        int n = Math.min(es.length, config.maxTokens());
        int[] out = new int[n + 1];
        out[0] = noneToken();
        System.arraycopy(es, 0, out, 1, n);
        return out;
    }

    @Override
    NDArray loss(NDManager scope, Params p, Batch b) {
        int size = b.size();
        int d = config.dimension();
        int[][] rows = new int[size][];
        int width = 1;
        for (int r = 0; r < size; r++) {
            rows[r] = tokens((int) b.items()[r]);
            width = Math.max(width, rows[r].length);
        }
        long[] index = new long[size * width];
        float[] mask = new float[size * width];
        java.util.Arrays.fill(index, noneToken() + 1L);
        for (int r = 0; r < size; r++) {
            for (int k = 0; k < rows[r].length; k++) {
                index[r * width + k] = rows[r][k];
                mask[r * width + k] = 1f;
            }
        }
        NDArray u = Pitf.rows(scope, p.get("users"), b.users());
        NDArray i = Pitf.rows(scope, p.get("items"), b.items());
        NDArray tokens = Pitf.rows(scope, p.get("entities"), index).reshape(size, width, d);
        NDArray c = attention.forward(p, u, tokens, scope.create(mask, new Shape(size, width)));
        NDArray z = i.add(c);
        NDArray tuPos = Pitf.rows(scope, p.get("tagsUser"), b.positives());
        NDArray tuNeg = Pitf.rows(scope, p.get("tagsUser"), b.negatives());
        NDArray tiPos = Pitf.rows(scope, p.get("tagsItem"), b.positives());
        NDArray tiNeg = Pitf.rows(scope, p.get("tagsItem"), b.negatives());
        float[] ePos = new float[size * EVIDENCE];
        float[] eNeg = new float[size * EVIDENCE];
        for (int r = 0; r < size; r++) {
            evidence((int) b.users()[r], (int) b.items()[r], (int) b.positives()[r], b.postTags()[r], ePos, r * EVIDENCE);
            evidence((int) b.users()[r], (int) b.items()[r], (int) b.negatives()[r], b.postTags()[r], eNeg, r * EVIDENCE);
        }
        NDArray gate = u.matMul(p.get("gate")).add(p.get("gateBias")).softmax(-1)
                .mul(Activation.softPlus(p.get("evidence")));
        NDArray habit = gate.mul(scope.create(ePos, new Shape(size, EVIDENCE)).sub(scope.create(eNeg, new Shape(size, EVIDENCE))))
                .sum(new int[] {1});
        NDArray x = u.mul(tuPos.sub(tuNeg)).sum(new int[] {1}).add(z.mul(tiPos.sub(tiNeg)).sum(new int[] {1})).add(habit);
        NDArray realTokens = tokens.mul(scope.create(mask, new Shape(size, width, 1)));
        NDArray reg = u.square().sum().add(i.square().sum()).add(realTokens.square().sum()).add(tuPos.square().sum())
                .add(tuNeg.square().sum()).add(tiPos.square().sum()).add(tiNeg.square().sum()).mul(config.l2());
        return Activation.softPlus(x.neg()).mean().add(reg.div(size));
    }

    @Override
    void prepare() {
        users = state.get("users");
        items = state.get("items");
        entities = state.get("entities");
        tagsUser = state.get("tagsUser");
        tagsItem = state.get("tagsItem");
    }

    @Override
    public void scores(int user, int item, double[] out) {
        int d = config.dimension();
        double[] u = row(users, user, d);
        int[] t = tokens(item);
        double[][] tokenRows = new double[t.length][];
        for (int k = 0; k < t.length; k++) {
            tokenRows[k] = row(entities, t[k], d);
        }
        double[] c = attention.apply(state, u, tokenRows);
        double[] z = row(items, item, d);
        for (int k = 0; k < d; k++) {
            z[k] += c[k];
        }
        java.util.Arrays.fill(out, 0);
        addDots(out, u, tagsUser, d);
        addDots(out, z, tagsItem, d);
        double[] g = gate(u);
        addShares(out, counts.user(user), g[0]);
        addShares(out, counts.item(item), g[1]);
        addShares(out, counts.neighbours(item), g[2]);
    }

    /** {@code softmax(u G + b) * softplus(w)}: the user's weight of each evidence source. */
    double[] gate(double[] u) {
        float[] gw = state.get("gate");
        float[] gb = state.get("gateBias");
        float[] w = state.get("evidence");
        double[] logits = new double[EVIDENCE];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < EVIDENCE; f++) {
            double sum = gb[f];
            for (int k = 0; k < u.length; k++) {
                sum += u[k] * gw[k * EVIDENCE + f];
            }
            logits[f] = sum;
            max = Math.max(max, sum);
        }
        double z = 0;
        for (int f = 0; f < EVIDENCE; f++) {
            logits[f] = Math.exp(logits[f] - max);
            z += logits[f];
        }
        for (int f = 0; f < EVIDENCE; f++) {
            logits[f] = logits[f] / z * Math.log1p(Math.exp(w[f]));
        }
        return logits;
    }

    private static void addShares(double[] out, TagCounts.Sparse s, double weight) {
        org.mmkgrec.cypher.rec.TagMix.add(out, s.tags(), s.counts(), weight);
    }
}
