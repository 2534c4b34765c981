package org.mmkgrec.embedding.tags;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;

/**
 * PITF, pairwise interaction tensor factorisation (Rendle and Schmidt-Thieme, WSDM 2010), the
 * standard personalised tag recommender: {@code s(u, i, t) = U_u . T^U_t + I_i . T^I_t}, the user-item
 * interaction dropped because it does not change a post's ranking of tags. PITF's own training is
 * BPR over (post, tag, negative tag) triples; here the loss is a choice ({@code bpr} or the full
 * softmax over the tags, the default, chosen on the validation posts), on the shared training loop
 * ({@link TrainedTagModel}), so the baseline gets the care the models get.
 */
public final class Pitf extends TrainedTagModel {

    /**
     * @param dimension factor size (default 64)
     * @param epochs the most passes over the training (post, tag) pairs (default 100; early stopping ends sooner)
     * @param batchSize pairs per step (default 1024)
     * @param learningRate Adam's learning rate (default 0.01)
     * @param l2 weight of the L2 penalty on the rows a step reads (default 1e-4)
     * @param hardNegatives with {@code bpr}, the share of negatives drawn from the user's and the item's other
     *     tags (default 0.5: on Last.FM's validation posts Recall@10 0.6462 against 0.6313 for PITF's own
     *     uniform sampling, 0)
     * @param loss {@code softmax} (every tag at once, default: on Last.FM's validation posts Recall@10 0.7165
     *     against 0.6462 for {@code bpr}) or {@code bpr} (PITF's own, one sampled negative per example)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int epochs, int batchSize, float learningRate, float l2,
                         float hardNegatives, String loss, int seed) implements Settings {
        public Config {
            if (dimension < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `epochs` and `batchSize` must be >= 1");
            }
            if (!"bpr".equals(loss) && !"softmax".equals(loss)) {
                throw new IllegalArgumentException("`loss` must be bpr or softmax, was `" + loss + "`");
            }
            if (!(hardNegatives >= 0 && hardNegatives <= 1)) {
                throw new IllegalArgumentException("`hardNegatives` must be in [0, 1], was " + hardNegatives);
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 100, 1024, 0.01f, 1e-4f, 0.5f, "softmax", seed);
        }
    }

    private final Config config;
    private float[] users;
    private float[] items;
    private float[] tagsUser;
    private float[] tagsItem;

    public Pitf(Config config, TrainOptions options) {
        super(config, options);
        this.config = config;
    }

    @Override
    public String name() {
        return "pitf";
    }

    @Override
    void buildParameters(TrainContext context) {
        int d = config.dimension();
        context.params().normal("users", 0.01f, corpus.userCount(), d);
        context.params().normal("items", 0.01f, corpus.itemCount(), d);
        context.params().normal("tagsUser", 0.01f, corpus.tagCount(), d);
        context.params().normal("tagsItem", 0.01f, corpus.tagCount(), d);
    }

    @Override
    NDArray loss(NDManager scope, Params p, Batch b) {
        NDArray u = rows(scope, p.get("users"), b.users());
        NDArray i = rows(scope, p.get("items"), b.items());
        NDArray tuPos = rows(scope, p.get("tagsUser"), b.positives());
        NDArray tuNeg = rows(scope, p.get("tagsUser"), b.negatives());
        NDArray tiPos = rows(scope, p.get("tagsItem"), b.positives());
        NDArray tiNeg = rows(scope, p.get("tagsItem"), b.negatives());
        NDArray x = u.mul(tuPos.sub(tuNeg)).sum(new int[] {1}).add(i.mul(tiPos.sub(tiNeg)).sum(new int[] {1}));
        NDArray reg = u.square().sum().add(i.square().sum()).add(tuPos.square().sum()).add(tuNeg.square().sum())
                .add(tiPos.square().sum()).add(tiNeg.square().sum()).mul(config.l2());
        return Activation.softPlus(x.neg()).mean().add(reg.div(b.size()));
    }

    @Override
    boolean softmax() {
        return config.loss().equals("softmax");
    }

    @Override
    NDArray logits(NDManager scope, Params p, Batch b) {
        NDArray u = rows(scope, p.get("users"), b.users());
        NDArray i = rows(scope, p.get("items"), b.items());
        return u.matMul(p.get("tagsUser").transpose()).add(i.matMul(p.get("tagsItem").transpose()));
    }

    @Override
    NDArray penalty(NDManager scope, Params p, Batch b) {
        return rows(scope, p.get("users"), b.users()).square().sum().add(rows(scope, p.get("items"), b.items()).square().sum())
                .add(rows(scope, p.get("tagsUser"), b.positives()).square().sum())
                .add(rows(scope, p.get("tagsItem"), b.positives()).square().sum()).mul(config.l2());
    }

    static NDArray rows(NDManager scope, NDArray table, long[] index) {
        return table.get(scope, new NDIndex("{}", scope.create(index)));
    }

    @Override
    void prepare() {
        users = state.get("users");
        items = state.get("items");
        tagsUser = state.get("tagsUser");
        tagsItem = state.get("tagsItem");
    }

    @Override
    public void scores(int user, int item, double[] out) {
        int d = config.dimension();
        java.util.Arrays.fill(out, 0);
        addDots(out, row(users, user, d), tagsUser, d);
        addDots(out, row(items, item, d), tagsItem, d);
    }
}
