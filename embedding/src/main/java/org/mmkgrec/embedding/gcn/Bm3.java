package org.mmkgrec.embedding.gcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.kg.ItemModalities;
import org.mmkgrec.embedding.nn.Fusion;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * BM3 (Zhou et al., WWW 2023, "Bootstrap Latent Representations for Multi-modal Recommendation") on
 * DJL: multimodal recommendation without negative samples and without item-item graphs.
 * <ul>
 *   <li><b>Backbone:</b> LightGCN over the user-item graph, {@code Â = D^-1/2 (A + I) D^-1/2}
 *       ({@code selfLoops=false}: LightGCN's own {@code D^-1/2 A D^-1/2}), the layer outputs averaged
 *       and the items' ID vectors added back as a residual: {@code h_u}, {@code h_i}.</li>
 *   <li><b>Modalities:</b> each one's item features projected to the ID space, {@code h_m = e_m W_m
 *       + b_m} ({@link ItemModalities}: MiniLM text, image or audio vectors when loaded, the KG's
 *       TransE vectors; {@code fusion=early} concatenates them first and projects once); the features
 *       {@code e_m} start from those vectors and are trained with the rest, as in the reference
 *       implementation ({@code tuneFeatures=false} keeps them fixed).</li>
 *   <li><b>Views:</b> the online view is a one-layer predictor {@code h~ = h W_p + b_p} (shared by
 *       the ID and modality vectors); the target view is a dropout of the vector, {@code h. = h *
 *       Bernoulli(1 - p) / (1 - p)}, under stop-gradient.</li>
 *   <li><b>Losses</b> over a batch of training pairs (u, i), each {@code C(a, b) = 1 - cos(a, b)}
 *       (negative cosine, shifted to be >= 0), target side under stop-gradient: graph reconstruction
 *       {@code C(h~_u, h._i) + C(h._u, h~_i)}; per modality inter-modality alignment {@code C(h~_m_i,
 *       h._i)} and intra-modality masking {@code C(h~_m_i, h._m_i)}; plus {@code regWeight (|H_u|_F
 *       + |H_i|_F) / items} on the backbone's output (the reference implementation's EmbLoss).</li>
 *   <li><b>Score:</b> {@code s(u, i) = h~_u . h~_i}: the vectors written back are the predictor's
 *       outputs.</li>
 * </ul>
 * Trained through the shared {@link org.mmkgrec.embedding.train.Trainer} (early stopping on the eval
 * split, the popularity prior fitted there).
 */
public final class Bm3 extends TrainedModel {

    /**
     * Defaults: the best of {@code ./mmkg tune --model bm3 --protocol topk --data ../shared/data/ml-100k-kg
     * --trials 6} by eval Recall@20 (0.1502 against 0.1344 for the reference's 1 layer, Adam 0.001,
     * reg 0.1, A + I); README, Evaluation.
     *
     * @param dimension    vector size (default 64)
     * @param layers       LightGCN layers (default 2; BM3 searches 1 and 2)
     * @param epochs       the most epochs (default 300; early stopping ends sooner)
     * @param batchSize    training pairs per step (default 2048)
     * @param learningRate Adam (default 0.005; the reference's 0.001 was slower and lower on the eval splits)
     * @param dropout      the target view's dropout p (default 0.3; BM3 searches 0.3 and 0.5)
     * @param regWeight    weight of the backbone-output norm penalty (default 0.01)
     * @param alignWeight  weight of the inter-modality alignment losses (default 2, BM3's cl_weight)
     * @param maskWeight   weight of the intra-modality masking losses (default 2, BM3's cl_weight)
     * @param selfLoops    propagate over {@code A + I} (default false: {@code A}, as the reference code does)
     * @param tuneFeatures whether the modality features themselves are trained (default true: the
     *                     reference implementation fine-tunes them; false keeps them fixed)
     * @param modalities   {@code all}, {@code none} (ID only) or a list such as {@code text,kg}
     * @param fusion       {@code late} (one projection and pair of losses per modality, BM3's own) or
     *                     {@code early} (features concatenated, one projection)
     * @param seed         random seed
     */
    public record Config(int dimension, int layers, int epochs, int batchSize, float learningRate, float dropout,
            float regWeight, float alignWeight, float maskWeight, boolean selfLoops, boolean tuneFeatures,
            String modalities, Fusion fusion, int seed) {
        public Config {
            if (dimension < 1 || layers < 0 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `epochs`, `batchSize` must be >= 1 and `layers` >= 0");
            }
            if (!(learningRate > 0) || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `dropout` in [0, 1), were "
                        + learningRate + ", " + dropout);
            }
            if (!(regWeight >= 0) || !(alignWeight >= 0) || !(maskWeight >= 0)) {
                throw new IllegalArgumentException("`regWeight`, `alignWeight`, `maskWeight` must be >= 0");
            }
            if (fusion == null || fusion == Fusion.ATTENTION) {
                throw new IllegalArgumentException("bm3 `fusion` must be early or late (its score is the ID view's, so there "
                        + "is no per-modality score to weigh; attention fusion is in mf-side and mmgcn)");
            }
            ItemModalities.checkSpec(modalities);
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 300, 2048, 0.005f, 0.3f, 0.01f, 2f, 2f, false, true, ItemModalities.ALL, Fusion.LATE, seed);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    private final List<String> modalities = new ArrayList<>();
    private final List<NDArray> features = new ArrayList<>();
    private NDArray adjacency;
    private NDArray itemMask;
    private BprSampler sampler;
    private int users;
    private int items;

    public Bm3(GraphDatabaseService db, Config config) {
        this(db, config, null);
    }

    public Bm3(GraphDatabaseService db, Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.config = config;
    }

    @Override
    public String name() {
        return "bm3";
    }

    /** The content inputs of the last fit (after fusion), in order. */
    public List<String> modalities() {
        return List.copyOf(modalities);
    }

    @Override
    public Schedule schedule() {
        return new Schedule(config.epochs(), config.learningRate(), config.seed());
    }

    @Override
    public void build(TrainContext context, InteractionData data) {
        users = data.userCount();
        items = data.itemCount();
        int d = config.dimension();
        Map<String, float[][]> inputs = config.fusion().arrange(
                ItemModalities.load(db, data, config.modalities(), config.seed()), items);
        NormalizedAdjacency a = NormalizedAdjacency.of(users, items, data.trainPositives, config.selfLoops());
        adjacency = context.constant(a.toSparse(context.manager()));
        float[] mask = new float[users + items];
        java.util.Arrays.fill(mask, users, users + items, 1f);
        itemMask = context.constant(context.manager().create(mask, new Shape(users + items, 1)));
        sampler = new BprSampler(data, context.random());
        Params p = context.params();
        p.xavier("id", users + items, d);
        p.xavier("predictor.w", d, d);
        p.of("predictor.b", new float[d], d);
        modalities.clear();
        features.clear();
        for (Map.Entry<String, float[][]> m : inputs.entrySet()) {
            modalities.add(m.getKey());
            NDArray x = Fusion.matrix(context.manager(), m.getValue());
            features.add(config.tuneFeatures() ? p.add("features_" + m.getKey(), x) : context.constant(x));
            p.xavier("w_" + m.getKey(), m.getValue()[0].length, d);
            p.of("b_" + m.getKey(), new float[d], d);
        }
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        Params p = context.params();
        return context.meanOver(sampler.epoch(config.batchSize()), (step, batch) -> {
            NDArray itemRows = step.create(batch.positives());
            NDArray userRows = step.create(batch.users());
            NDArray h = backbone(p);
            NDArray hu = h.get(step, new NDIndex("{}", userRows));
            NDArray hi = h.get(step, new NDIndex("{}", itemRows.add(users)));
            NDArray targetUser = dropout(step, hu);
            NDArray targetItem = dropout(step, hi);
            NDArray loss = reconstruction(predict(p, hu), predict(p, hi), targetUser, targetItem);
            for (int m = 0; m < modalities.size(); m++) {
                NDArray hm = project(p, m, features.get(m).get(step, new NDIndex("{}", itemRows)));
                NDArray online = predict(p, hm);
                loss = loss.add(alignment(online, targetItem).mul(config.alignWeight()))
                        .add(masking(online, dropout(step, hm)).mul(config.maskWeight()));
            }
            if (config.regWeight() > 0) {
                NDArray userPart = h.get(new NDIndex("0:{}", users));
                NDArray itemPart = h.get(new NDIndex("{}:", users));
                loss = loss.add(userPart.norm().add(itemPart.norm()).mul(config.regWeight() / items));
            }
            return loss;
        });
    }

    @Override
    public Snapshot snapshot(TrainContext context) {
        try (NDManager scope = context.scope()) {
            float[] online = predict(context.params(), backbone(context.params())).toFloatArray();
            int d = config.dimension();
            return new Snapshot(Snapshot.rows(online, 0, users, d), Snapshot.rows(online, users, items, d));
        }
    }

    /** LightGCN's layer mean over Â, plus the items' own ID vectors (the residual): H, (users + items) x d. */
    NDArray backbone(Params p) {
        NDArray e0 = p.get("id");
        NDArray layer = e0;
        NDArray sum = e0;
        for (int l = 0; l < config.layers(); l++) {
            layer = adjacency.matMul(layer);
            sum = sum.add(layer);
        }
        return sum.div(config.layers() + 1f).add(e0.mul(itemMask));
    }

    private static NDArray predict(Params p, NDArray h) {
        return h.matMul(p.get("predictor.w")).add(p.get("predictor.b"));
    }

    private NDArray project(Params p, int m, NDArray rows) {
        String name = modalities.get(m);
        return rows.matMul(p.get("w_" + name)).add(p.get("b_" + name));
    }

    /** The target view: the vector under stop-gradient, with dropout p (inverted scaling, as torch's dropout). */
    private NDArray dropout(NDManager step, NDArray h) {
        NDArray target = h.stopGradient();
        float p = config.dropout();
        if (p == 0) {
            return target;
        }
        NDArray keep = step.randomUniform(0f, 1f, target.getShape(), DataType.FLOAT32).gte(p).toType(DataType.FLOAT32, false);
        return target.mul(keep).div(1 - p);
    }

    /** {@code C(a, b) = 1 - cos(a, b)}, averaged over the rows; {@code b} under stop-gradient. */
    public static NDArray negativeCosine(NDArray online, NDArray target) {
        NDArray t = target.stopGradient();
        NDArray dot = online.mul(t).sum(new int[] {1});
        NDArray norms = online.norm(new int[] {1}).mul(t.norm(new int[] {1})).maximum(1e-8f);
        return dot.div(norms).mean().neg().add(1f);
    }

    /** Graph reconstruction: {@code C(h~_u, sg(h._i)) + C(sg(h._u), h~_i)}. */
    public static NDArray reconstruction(NDArray onlineUser, NDArray onlineItem, NDArray targetUser, NDArray targetItem) {
        return negativeCosine(onlineUser, targetItem).add(negativeCosine(onlineItem, targetUser));
    }

    /** Inter-modality alignment: {@code C(h~_m_i, sg(h._i))}. */
    public static NDArray alignment(NDArray onlineModality, NDArray targetItem) {
        return negativeCosine(onlineModality, targetItem);
    }

    /** Intra-modality masking: {@code C(h~_m_i, sg(h._m_i))}. */
    public static NDArray masking(NDArray onlineModality, NDArray targetModality) {
        return negativeCosine(onlineModality, targetModality);
    }
}
