package org.mmkgrec.embedding.gcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.kg.ItemModalities;
import org.mmkgrec.embedding.nn.Fusion;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.Tensors;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * MMGCN (Wei et al., ACM MM 2019) on DJL: one graph convolution per modality over the user-item
 * graph. Modalities: {@code id} (free item vectors) and, by default, every content modality the graph
 * holds as {@code (:Item)-[:HAS_<MODALITY>]->(:Content {embedding})} (text from the MiniLM encoder;
 * image or audio when loaded as vectors); {@code modalities} and {@code fusion} choose otherwise.
 * Per modality {@code m}: users get their own preference vectors {@code U_m}, items their content projected to {@code d} by a learned matrix {@code W_m} (ID: free
 * vectors); the stacked matrix is propagated {@code layers} times over the normalised adjacency and
 * averaged over layers; each node adds the shared ID vector (MMGCN's combination of propagated
 * representation, own content and ID embedding, in LightGCN's linear form). The score is the mean
 * over modalities of {@code u_m . i_m}; BPR on sampled negatives, through the shared
 * {@link org.mmkgrec.embedding.train.Trainer}.
 *
 * <p>The user and item vectors written back are the concatenations of the per-modality vectors
 * scaled by 1/sqrt(M) each, so their dot product is the model's score.
 */
public final class Mmgcn extends TrainedModel {

    /**
     * Defaults: 64-d, 2 layers, at most 300 epochs (early stopping ends sooner), batch 2048, Adam 0.005,
     * L2 1e-4, every content modality (no KG), late fusion (MMGCN's own).
     *
     * @param modalities {@code content} (default), {@code all} (with the KG's TransE vectors), {@code none}
     *                   or a list such as {@code text,kg} ({@link ItemModalities})
     * @param fusion     {@code late} (default: one graph per modality, the mean of their scores),
     *                   {@code early} (the modalities concatenated into one input) or {@code attention}
     *                   (the per-modality scores weighed per user by {@code softmax(W_a^T id_u/|id_u| + b_a)})
     */
    public record Config(int dimension, int layers, int epochs, int batchSize, float learningRate, float l2,
            String modalities, Fusion fusion, int seed) {
        public Config {
            if (dimension < 1 || layers < 0 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("MMGCN config: sizes >= 1, layers >= 0, learningRate > 0, l2 >= 0");
            }
            if (fusion == null) {
                throw new IllegalArgumentException("`fusion` must be early, late or attention");
            }
            ItemModalities.checkSpec(modalities);
        }

        public Config(int dimension, int layers, int epochs, int batchSize, float learningRate, float l2, int seed) {
            this(dimension, layers, epochs, batchSize, learningRate, l2, ItemModalities.CONTENT, Fusion.LATE, seed);
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 300, 2048, 0.005f, 1e-4f, seed);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    private final List<String> modalities = new ArrayList<>();
    private final List<NDArray> features = new ArrayList<>();
    private NDArray adjacency;
    private BprSampler sampler;
    private int users;
    private int items;

    public Mmgcn(GraphDatabaseService db, Config config) {
        this(db, config, null);
    }

    public Mmgcn(GraphDatabaseService db, Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.config = config;
    }

    @Override
    public String name() {
        return "mmgcn";
    }

    /** The modalities of the last fit: id first, then content modalities by name. */
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
        Map<String, float[][]> content = config.fusion().arrange(
                ItemModalities.load(db, data, config.modalities(), config.seed()), items);
        modalities.clear();
        modalities.add("id");
        modalities.addAll(content.keySet());
        features.clear();
        NormalizedAdjacency a = NormalizedAdjacency.of(users, items, data.trainPositives);
        adjacency = context.constant(a.toSparse(context.manager()));
        sampler = new BprSampler(data, context.random());
        Params p = context.params();
        // the shared ID vectors of every node; per modality user preferences and a projection
        p.normal("id", 0.1f, a.size(), d);
        for (String m : content.keySet()) {
            float[][] x = content.get(m);
            int f = x[0].length;
            features.add(context.constant(Fusion.matrix(context.manager(), x)));
            p.normal("u_" + m, 0.1f, users, d);
            p.normal("w_" + m, (float) (1 / Math.sqrt(f)), f, d);
        }
        if (config.fusion() == Fusion.ATTENTION) {
            p.xavier("attention.w", d, modalities.size());
            p.of("attention.b", new float[modalities.size()], modalities.size());
        }
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        Params p = context.params();
        return context.meanOver(sampler.epoch(config.batchSize()), (step, batch) -> {
            BprSampler.Batch b = batch.offsetItems(users);
            NDArray u = step.create(b.users());
            NDArray i = step.create(b.positives());
            NDArray j = step.create(b.negatives());
            List<NDArray> reps = representations(p);
            NDArray id = p.get("id");
            NDArray weights = config.fusion() == Fusion.ATTENTION
                    ? Fusion.weights(id.get(step, new NDIndex("{}", u)), p.get("attention.w"), p.get("attention.b"))
                    : null;
            NDArray x = null;
            for (int m = 0; m < reps.size(); m++) {
                NDArray rep = reps.get(m);
                NDArray eu = rep.get(step, new NDIndex("{}", u));
                NDArray diff = eu.mul(rep.get(step, new NDIndex("{}", i)).sub(rep.get(step, new NDIndex("{}", j))))
                        .sum(new int[] {1});
                if (weights != null) {
                    diff = diff.mul(weights.get(new NDIndex(":, {}", m)));
                }
                x = x == null ? diff : x.add(diff);
            }
            if (weights == null) {
                x = x.div((float) reps.size());
            }
            NDArray reg = id.get(step, new NDIndex("{}", u)).square().sum()
                    .add(id.get(step, new NDIndex("{}", i)).square().sum())
                    .add(id.get(step, new NDIndex("{}", j)).square().sum());
            if (weights != null) {
                // the attention matrix too (per batch row, like the rest), so its logits stay soft
                reg = reg.add(p.get("attention.w").square().sum().mul(b.size()));
            }
            reg = reg.mul(config.l2() / b.size());
            return Activation.softPlus(x.neg()).mean().add(reg);
        });
    }

    /**
     * The per-modality vectors, concatenated and scaled by 1/sqrt(M) (attention: the user's part of
     * modality m by its weight a_um, the item's unscaled), so their dot product is the score.
     */
    @Override
    public Snapshot snapshot(TrainContext context) {
        int d = config.dimension();
        int mCount = modalities.size();
        try (NDManager scope = context.scope()) {
            Params p = context.params();
            List<NDArray> reps = representations(p);
            float scale = (float) (1 / Math.sqrt(mCount));
            float[][] weights = null;
            if (config.fusion() == Fusion.ATTENTION) {
                NDArray userIds = p.get("id").get(new NDIndex("0:{}", users));
                weights = Snapshot.rows(Fusion.weights(userIds, p.get("attention.w"), p.get("attention.b")).toFloatArray(),
                        users, mCount);
            }
            float[][] userVectors = new float[users][d * mCount];
            float[][] itemVectors = new float[items][d * mCount];
            for (int m = 0; m < mCount; m++) {
                float[] flatRep = reps.get(m).toFloatArray();
                for (int u = 0; u < users; u++) {
                    float w = weights == null ? scale : weights[u][m];
                    for (int k = 0; k < d; k++) {
                        userVectors[u][m * d + k] = flatRep[u * d + k] * w;
                    }
                }
                float itemScale = weights == null ? scale : 1f;
                for (int i = 0; i < items; i++) {
                    for (int k = 0; k < d; k++) {
                        itemVectors[i][m * d + k] = flatRep[(users + i) * d + k] * itemScale;
                    }
                }
            }
            return new Snapshot(userVectors, itemVectors, Map.of(),
                    weights == null ? null : new Snapshot.ModalityWeights(modalities, weights));
        }
    }

    /** Per modality: mean over layers of Â^l E_m0, plus the shared ID vectors; ID first. */
    private List<NDArray> representations(Params p) {
        NDArray id = p.get("id");
        List<NDArray> inputs = new ArrayList<>();
        inputs.add(id);
        for (int k = 1; k < modalities.size(); k++) {
            String m = modalities.get(k);
            inputs.add(Tensors.concat(new NDList(p.get("u_" + m), features.get(k - 1).matMul(p.get("w_" + m))), 0));
        }
        List<NDArray> out = new ArrayList<>();
        for (int m = 0; m < inputs.size(); m++) {
            NDArray layer = inputs.get(m);
            NDArray sum = layer;
            for (int l = 0; l < config.layers(); l++) {
                layer = adjacency.matMul(layer);
                sum = sum.add(layer);
            }
            NDArray rep = sum.div(config.layers() + 1f);
            out.add(m == 0 ? rep : rep.add(id));
        }
        return out;
    }
}
