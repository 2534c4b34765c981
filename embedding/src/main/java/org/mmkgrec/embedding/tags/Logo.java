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
 * LOGO-style content-to-tag recommendation ("Hashtag Our Stories"): each modality of an item is
 * encoded on its own, projected into a common space to bridge the gap between modalities, and tags
 * are ranked by a neural collaborative filtering head; the user plays no part. Modalities here: the
 * item's KG entities, pooled by attention with a learned query (the paper pools each modality's
 * sequence with attention), and the item's own vector learned from its training posts; item text is
 * left out (Last.FM's lists each artist's top tags, test posts included). Common space:
 * {@code c_i = mean_m tanh(x_m W_m + b_m)}. NCF head (GMF plus a one-hidden-layer MLP):
 * {@code s(i, t) = h . (c_i * e_t) + w . relu(c_i A + e_t B + b)}. BPR training on the shared loop
 * ({@link TrainedTagModel}).
 */
public final class Logo extends TrainedTagModel {

    /**
     * @param dimension size of the common space and the tag vectors (default 64)
     * @param hidden units of the MLP's hidden layer (default 32)
     * @param maxTokens the most KG entity tokens per item (default 16)
     * @param epochs the most passes over the training (post, tag) pairs (default 100; early stopping ends sooner)
     * @param batchSize pairs per step (default 1024)
     * @param learningRate Adam's learning rate (default 0.005)
     * @param l2 weight of the L2 penalty on the rows a step reads (default 1e-4)
     * @param hardNegatives share of negatives drawn from the user's and the item's other tags (default 0.5)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int hidden, int maxTokens, int epochs, int batchSize, float learningRate, float l2,
                         float hardNegatives, int seed) implements Settings {
        public Config {
            if (dimension < 1 || hidden < 1 || maxTokens < 0 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `hidden`, `epochs` and `batchSize` must be >= 1, `maxTokens` >= 0");
            }
            if (!(hardNegatives >= 0 && hardNegatives <= 1)) {
                throw new IllegalArgumentException("`hardNegatives` must be in [0, 1], was " + hardNegatives);
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 32, 16, 100, 1024, 0.005f, 1e-4f, 0.5f, seed);
        }
    }

    private final Config config;
    private final QueryAttention pool;
    /** The tags' MLP input {@code e_t B}, per tag, computed once per parameter state. */
    private double[][] tagHidden;

    public Logo(Config config, TrainOptions options) {
        super(config, options);
        this.config = config;
        this.pool = new QueryAttention("pool", config.dimension(), 1);
    }

    @Override
    public String name() {
        return "logo";
    }

    @Override
    void buildParameters(TrainContext context) {
        int d = config.dimension();
        int h = config.hidden();
        Params p = context.params();
        p.normal("items", 0.01f, corpus.itemCount(), d);
        p.normal("entities", 0.01f, corpus.entityCount + 2, d);
        p.normal("poolQuery", 0.1f, 1, d);
        pool.create(p);
        p.xavier("project.kg", d, d);
        p.of("project.kgBias", new float[d], 1, d);
        p.xavier("project.id", d, d);
        p.of("project.idBias", new float[d], 1, d);
        p.normal("tags", 0.01f, corpus.tagCount(), d);
        p.normal("gmf", 0.1f, 1, d);
        p.xavier("mlp.item", d, h);
        p.xavier("mlp.tag", d, h);
        p.of("mlp.bias", new float[h], 1, h);
        p.xavier("mlp.out", h, 1);
    }

    @Override
    NDArray loss(NDManager scope, Params p, Batch b) {
        int size = b.size();
        int d = config.dimension();
        NDArray[] content = tokenBatch(scope, p.get("entities"), b.items(), config.maxTokens());
        NDArray tokens = content[0];
        NDArray query = p.get("poolQuery").broadcast(new Shape(size, d));
        NDArray kg = pool.forward(p, query, tokens, content[1]);
        NDArray id = Pitf.rows(scope, p.get("items"), b.items());
        NDArray c = kg.matMul(p.get("project.kg")).add(p.get("project.kgBias")).tanh()
                .add(id.matMul(p.get("project.id")).add(p.get("project.idBias")).tanh()).div(2f);
        NDArray pos = Pitf.rows(scope, p.get("tags"), b.positives());
        NDArray neg = Pitf.rows(scope, p.get("tags"), b.negatives());
        NDArray x = score(p, c, pos).sub(score(p, c, neg));
        NDArray realTokens = tokens.mul(content[1].expandDims(2));
        NDArray reg = id.square().sum().add(realTokens.square().sum()).add(pos.square().sum()).add(neg.square().sum())
                .mul(config.l2());
        return Activation.softPlus(x.neg()).mean().add(reg.div(size));
    }

    private NDArray score(Params p, NDArray c, NDArray e) {
        NDArray gmf = c.mul(e).mul(p.get("gmf")).sum(new int[] {1});
        NDArray hidden = Activation.relu(c.matMul(p.get("mlp.item")).add(e.matMul(p.get("mlp.tag"))).add(p.get("mlp.bias")));
        return gmf.add(hidden.matMul(p.get("mlp.out")).reshape(-1));
    }

    @Override
    void prepare() {
        int d = config.dimension();
        int h = config.hidden();
        float[] tags = state.get("tags");
        float[] b = state.get("mlp.tag");
        tagHidden = new double[corpus.tagCount()][h];
        for (int t = 0; t < tagHidden.length; t++) {
            for (int k = 0; k < d; k++) {
                double e = tags[t * d + k];
                for (int j = 0; j < h; j++) {
                    tagHidden[t][j] += e * b[k * h + j];
                }
            }
        }
    }

    /** The item's vector in the common space, {@code c_i}. */
    private double[] common(int item) {
        int d = config.dimension();
        double[][] tokenRows = tokenRows(item, config.maxTokens(), state.get("entities"), d);
        double[] kg = pool.apply(state, row(state.get("poolQuery"), 0, d), tokenRows);
        double[] id = row(state.get("items"), item, d);
        double[] pk = affine(kg, state.get("project.kg"), state.get("project.kgBias"), d);
        double[] pi = affine(id, state.get("project.id"), state.get("project.idBias"), d);
        double[] c = new double[d];
        for (int k = 0; k < d; k++) {
            c[k] = (Math.tanh(pk[k]) + Math.tanh(pi[k])) / 2;
        }
        return c;
    }

    /** {@code x W + b} for a flattened {@code (d, cols)} matrix. */
    private static double[] affine(double[] x, float[] w, float[] bias, int cols) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = bias[j];
        }
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < cols; j++) {
                out[j] += x[r] * w[r * cols + j];
            }
        }
        return out;
    }

    @Override
    public void scores(int user, int item, double[] out) {
        int d = config.dimension();
        int h = config.hidden();
        double[] c = common(item);
        double[] gc = new double[d];
        float[] gmf = state.get("gmf");
        for (int k = 0; k < d; k++) {
            gc[k] = c[k] * gmf[k];
        }
        double[] itemHidden = affine(c, state.get("mlp.item"), state.get("mlp.bias"), h);
        float[] w = state.get("mlp.out");
        java.util.Arrays.fill(out, 0);
        addDots(out, gc, state.get("tags"), d);
        for (int t = 0; t < out.length; t++) {
            double s = 0;
            for (int j = 0; j < h; j++) {
                double a = tagHidden[t][j] + itemHidden[j];
                s += a > 0 ? a * w[j] : 0;
            }
            out[t] += s;
        }
    }
}
