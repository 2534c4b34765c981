package org.mmkgrec.embedding.gcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;

/**
 * LightGCN (He et al., SIGIR 2020) on DJL's PyTorch engine: one ID vector per user and item
 * ({@code E0}), propagated {@code layers} times over the normalised user-item adjacency without
 * weights or non-linearities ({@code E(l+1) = Â E(l)}), the final vector the mean of all layers;
 * score = dot product; trained with BPR on sampled negatives plus L2 on the batch's {@code E0} rows,
 * through the shared {@link org.mmkgrec.embedding.train.Trainer}. Every step propagates the whole
 * graph (a sparse COO matrix times a dense one, so the gradient flows to every vector a batch
 * depends on).
 *
 * <p>Memory (STACK.md): the sparse matrix is built with {@code JniUtils.createSparseCoo} from index
 * and value arrays kept alive for the whole fit.
 */
public final class LightGcn extends TrainedModel {

    /**
     * @param dimension vector size (default 64)
     * @param layers propagation layers (default 3)
     * @param epochs the most passes over the training positives (default 300; early stopping ends sooner)
     * @param batchSize triples per step (default 2048)
     * @param learningRate Adam (default 0.005)
     * @param l2 weight of the L2 penalty on the batch's layer-0 vectors (default 1e-4)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int layers, int epochs, int batchSize, float learningRate, float l2, int seed) {
        public Config {
            if (dimension < 1 || layers < 0 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `epochs`, `batchSize` must be >= 1 and `layers` >= 0");
            }
            if (!(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 3, 300, 2048, 0.005f, 1e-4f, seed);
        }
    }

    private final Config config;
    private BprSampler sampler;
    private NormalizedAdjacency a;
    private NDArray adjacency;
    private int users;
    private int items;

    public LightGcn(Config config) {
        this(config, null);
    }

    public LightGcn(Config config, TrainOptions options) {
        super(options);
        this.config = config;
    }

    @Override
    public String name() {
        return "lightgcn";
    }

    @Override
    public Schedule schedule() {
        return new Schedule(config.epochs(), config.learningRate(), config.seed());
    }

    @Override
    public void build(TrainContext context, InteractionData data) {
        users = data.userCount();
        items = data.itemCount();
        a = NormalizedAdjacency.of(users, items, data.trainPositives);
        adjacency = context.constant(a.toSparse(context.manager()));
        sampler = new BprSampler(data, context.random());
        context.params().normal("e0", 0.1f, a.size(), config.dimension());
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        NDArray e0 = context.params().get("e0");
        return context.meanOver(sampler.epoch(config.batchSize()), (step, batch) -> {
            BprSampler.Batch b = batch.offsetItems(users);
            NDArray u = step.create(b.users());
            NDArray i = step.create(b.positives());
            NDArray j = step.create(b.negatives());
            NDArray fin = propagate(e0);
            NDArray eu = fin.get(step, new NDIndex("{}", u));
            NDArray ei = fin.get(step, new NDIndex("{}", i));
            NDArray ej = fin.get(step, new NDIndex("{}", j));
            NDArray x = eu.mul(ei.sub(ej)).sum(new int[] {1});
            NDArray reg = e0.get(step, new NDIndex("{}", u)).square().sum()
                    .add(e0.get(step, new NDIndex("{}", i)).square().sum())
                    .add(e0.get(step, new NDIndex("{}", j)).square().sum())
                    .mul(config.l2() / b.size());
            return Activation.softPlus(x.neg()).mean().add(reg);
        });
    }

    @Override
    public Snapshot snapshot(TrainContext context) {
        try (NDManager scope = context.scope()) {
            float[] fin = propagate(context.params().get("e0")).toFloatArray();
            int d = config.dimension();
            return new Snapshot(Snapshot.rows(fin, 0, users, d), Snapshot.rows(fin, users, items, d));
        }
    }

    /** mean(E0, ÂE0, Â²E0, ...): the final vectors of every node. */
    private NDArray propagate(NDArray e0) {
        NDArray layer = e0;
        NDArray sum = e0;
        for (int l = 0; l < config.layers(); l++) {
            layer = adjacency.matMul(layer);
            sum = sum.add(layer);
        }
        return sum.div(config.layers() + 1f);
    }
}
