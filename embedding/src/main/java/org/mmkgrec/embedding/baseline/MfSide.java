package org.mmkgrec.embedding.baseline;

import ai.djl.ndarray.NDArray;
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
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Matrix factorisation with side features (the VBPR idea, He and McAuley, AAAI 2016): an item is
 * its free ID vector plus its content projected into the same space, {@code v_i = V_i + W^T z_i},
 * scored by {@code p_u . v_i} and trained with BPR on sampled negatives (L2 on the batch's user
 * rows and on its items' ID and projected side parts, so the projection is kept in check too),
 * through the shared {@link org.mmkgrec.embedding.train.Trainer}. The side features are the
 * {@link ItemModalities} (MiniLM text, image or audio when loaded, the KG's TransE vectors); how they
 * combine is the {@link Fusion}:
 * <ul>
 *   <li>{@code early} (default): {@code z_i} is every modality's features side by side, one {@code W};</li>
 *   <li>{@code late}: one factorisation per component, the ID ({@code V_i}) and each modality
 *       ({@code W_m^T z_m_i}), each with its own user vector; the score is their mean;</li>
 *   <li>{@code attention}: the components of late with one user vector, weighed per user by
 *       {@code softmax(W_a^T p_u/|p_u| + b_a)}: {@code s = sum_c a_uc p_u . r_c_i}; the weights are kept
 *       ({@link #modalityWeights()}).</li>
 * </ul>
 * The vectors written back have the model's score as their dot product: late writes the components
 * side by side scaled by {@code 1/sqrt(C)}, attention writes {@code a_uc p_u} beside {@code r_c_i}.
 */
public final class MfSide extends TrainedModel {

    /**
     * BPR-MF's defaults (chosen by {@code tune} on the eval splits) for the shared parts.
     *
     * @param dimension    vector size (default 32)
     * @param epochs       the most epochs (default 200; early stopping ends sooner)
     * @param batchSize    triples per step (default 2048)
     * @param learningRate Adam (default 0.01)
     * @param l2           weight of the L2 penalty on the batch's user rows and its items' ID and projected
     *                     side parts (default 0.01)
     * @param modalities   {@code all}, {@code content}, {@code none} (plain BPR-MF) or a list such as {@code text,kg}
     * @param fusion       early (default), late or attention
     * @param seed         random seed
     */
    public record Config(int dimension, int epochs, int batchSize, float learningRate, float l2, String modalities,
            Fusion fusion, int seed) {
        public Config {
            if (dimension < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `epochs` and `batchSize` must be >= 1");
            }
            if (!(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("`learningRate` must be > 0 and `l2` >= 0, were " + learningRate + ", " + l2);
            }
            if (fusion == null) {
                throw new IllegalArgumentException("`fusion` must be early, late or attention");
            }
            ItemModalities.checkSpec(modalities);
        }

        public static Config defaults(int seed) {
            return new Config(32, 200, 2048, 0.01f, 0.01f, ItemModalities.ALL, Fusion.EARLY, seed);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    /** The scoring components: "id", then each content input (after fusion). */
    private final List<String> components = new ArrayList<>();
    private final List<NDArray> features = new ArrayList<>();
    private BprSampler sampler;
    private int users;
    private int items;

    public MfSide(GraphDatabaseService db, Config config) {
        this(db, config, null);
    }

    public MfSide(GraphDatabaseService db, Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.config = config;
    }

    @Override
    public String name() {
        return "mf-side";
    }

    /** The scoring components of the last fit: {@code id}, then the content inputs after fusion. */
    public List<String> components() {
        return List.copyOf(components);
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
        sampler = new BprSampler(data, context.random());
        Params p = context.params();
        components.clear();
        components.add("id");
        features.clear();
        p.normal("users", 0.1f, users, d);
        p.normal("items", 0.1f, items, d);
        for (Map.Entry<String, float[][]> m : inputs.entrySet()) {
            components.add(m.getKey());
            features.add(context.constant(Fusion.matrix(context.manager(), m.getValue())));
            p.normal("w_" + m.getKey(), (float) (0.1 / Math.sqrt(m.getValue()[0].length)), m.getValue()[0].length, d);
        }
        if (config.fusion() == Fusion.LATE) {
            for (int c = 1; c < components.size(); c++) {
                p.normal("users_" + components.get(c), 0.1f, users, d);
            }
        } else if (config.fusion() == Fusion.ATTENTION) {
            p.xavier("attention.w", d, components.size());
            p.of("attention.b", new float[components.size()], components.size());
        }
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        Params p = context.params();
        return context.meanOver(sampler.epoch(config.batchSize()), (step, b) -> {
            NDArray u = step.create(b.users());
            NDArray i = step.create(b.positives());
            NDArray j = step.create(b.negatives());
            List<NDArray> ri = itemComponents(step, p, i);
            List<NDArray> rj = itemComponents(step, p, j);
            NDArray x = score(step, p, u, ri).sub(score(step, p, u, rj));
            NDArray reg = p.get("users").get(step, new NDIndex("{}", u)).square().sum();
            // the item side as scored: the ID rows and the projected side features (which keeps W in check)
            for (List<NDArray> side : List.of(ri, rj)) {
                for (NDArray r : side) {
                    reg = reg.add(r.square().sum());
                }
            }
            if (config.fusion() == Fusion.LATE) {
                for (int c = 1; c < components.size(); c++) {
                    reg = reg.add(p.get("users_" + components.get(c)).get(step, new NDIndex("{}", u)).square().sum());
                }
            } else if (config.fusion() == Fusion.ATTENTION) {
                // the attention matrix too (per batch row, like the rest), so its logits stay soft
                reg = reg.add(p.get("attention.w").square().sum().mul(b.size()));
            }
            return Activation.softPlus(x.neg()).mean().add(reg.mul(config.l2() / b.size()));
        });
    }

    /** The model's score of each (u[k], item k) pair, given the items' {@link #itemComponents}. */
    private NDArray score(NDManager step, Params p, NDArray u, List<NDArray> r) {
        NDArray pu = p.get("users").get(step, new NDIndex("{}", u));
        return switch (config.fusion()) {
            case EARLY -> {
                NDArray v = r.get(0);
                for (int c = 1; c < r.size(); c++) {
                    v = v.add(r.get(c));
                }
                yield pu.mul(v).sum(new int[] {1});
            }
            case LATE -> {
                NDArray s = pu.mul(r.get(0)).sum(new int[] {1});
                for (int c = 1; c < r.size(); c++) {
                    NDArray uc = p.get("users_" + components.get(c)).get(step, new NDIndex("{}", u));
                    s = s.add(uc.mul(r.get(c)).sum(new int[] {1}));
                }
                yield s.div((float) r.size());
            }
            case ATTENTION -> {
                NDArray a = Fusion.weights(pu, p.get("attention.w"), p.get("attention.b"));
                NDArray s = null;
                for (int c = 0; c < r.size(); c++) {
                    NDArray sc = pu.mul(r.get(c)).sum(new int[] {1}).mul(a.get(new NDIndex(":, {}", c)));
                    s = s == null ? sc : s.add(sc);
                }
                yield s;
            }
        };
    }

    /** The item side per component for the given rows (null: every item): {@code V_i}, then {@code W_m^T z_m_i}. */
    private List<NDArray> itemComponents(NDManager step, Params p, NDArray itemRows) {
        List<NDArray> out = new ArrayList<>();
        NDArray v = p.get("items");
        out.add(itemRows == null ? v : v.get(step, new NDIndex("{}", itemRows)));
        for (int m = 0; m < features.size(); m++) {
            NDArray z = itemRows == null ? features.get(m) : features.get(m).get(step, new NDIndex("{}", itemRows));
            out.add(z.matMul(p.get("w_" + components.get(m + 1))));
        }
        return out;
    }

    @Override
    public Snapshot snapshot(TrainContext context) {
        int d = config.dimension();
        Params p = context.params();
        try (NDManager scope = context.scope()) {
            List<NDArray> r = itemComponents(scope, p, null);
            float[] pu = p.get("users").toFloatArray();
            if (config.fusion() == Fusion.EARLY) {
                NDArray v = r.get(0);
                for (int c = 1; c < r.size(); c++) {
                    v = v.add(r.get(c));
                }
                return new Snapshot(Snapshot.rows(pu, users, d), Snapshot.rows(v.toFloatArray(), items, d));
            }
            int cCount = r.size();
            float[][] userVectors = new float[users][d * cCount];
            float[][] itemVectors = new float[items][d * cCount];
            float[][] weights = null;
            if (config.fusion() == Fusion.ATTENTION) {
                NDArray a = Fusion.weights(p.get("users"), p.get("attention.w"), p.get("attention.b"));
                weights = Snapshot.rows(a.toFloatArray(), users, cCount);
            }
            float scale = (float) (1 / Math.sqrt(cCount));
            for (int c = 0; c < cCount; c++) {
                float[] ri = r.get(c).toFloatArray();
                float[] uc = config.fusion() == Fusion.LATE && c > 0 ? p.get("users_" + components.get(c)).toFloatArray() : pu;
                for (int u = 0; u < users; u++) {
                    float w = weights == null ? scale : weights[u][c];
                    for (int k = 0; k < d; k++) {
                        userVectors[u][c * d + k] = uc[u * d + k] * w;
                    }
                }
                float itemScale = weights == null ? scale : 1f;
                for (int i = 0; i < items; i++) {
                    for (int k = 0; k < d; k++) {
                        itemVectors[i][c * d + k] = ri[i * d + k] * itemScale;
                    }
                }
            }
            return new Snapshot(userVectors, itemVectors, Map.of(),
                    weights == null ? null : new Snapshot.ModalityWeights(components, weights));
        }
    }
}
