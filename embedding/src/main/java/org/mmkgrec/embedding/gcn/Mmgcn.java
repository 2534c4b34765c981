package org.mmkgrec.embedding.gcn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.ContentFeatures;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EpochProgress;
import org.mmkgrec.embedding.eval.EvalMonitor;
import org.mmkgrec.embedding.version.VectorModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * MMGCN (Wei et al., ACM MM 2019) on DJL: one graph convolution per modality over the user-item
 * graph. Modalities: {@code id} (free item vectors) and every content modality the graph holds as
 * {@code (:Item)-[:HAS_<MODALITY>]->(:Content {embedding})} (text from the MiniLM encoder; image or
 * audio when loaded as vectors). Per modality {@code m}: users get their own preference vectors
 * {@code U_m}, items their content projected to {@code d} by a learned matrix {@code W_m} (ID: free
 * vectors); the stacked matrix is propagated {@code layers} times over the normalised adjacency and
 * averaged over layers; each node adds the shared ID vector (MMGCN's combination of propagated
 * representation, own content and ID embedding, in LightGCN's linear form). The score is the mean
 * over modalities of {@code u_m . i_m}; BPR on sampled negatives, Adam, seeded.
 *
 * <p>The user and item vectors written back are the concatenations of the per-modality vectors
 * scaled by 1/sqrt(M) each, so their dot product is the model's score.
 */
public final class Mmgcn implements VectorModel {

    public record Config(int dimension, int layers, int epochs, int batchSize, float learningRate, float l2, int seed) {
        public static Config defaults(int seed) {
            return new Config(64, 2, 150, 2048, 0.005f, 1e-4f, seed);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    private final List<Double> losses = new ArrayList<>();
    private EvalMonitor monitor;
    private final List<String> modalities = new ArrayList<>();
    private float[][] userVectors;
    private float[][] itemVectors;

    public Mmgcn(GraphDatabaseService db, Config config) {
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
    public void fit(InteractionData data) {
        int nu = data.userCount();
        int ni = data.itemCount();
        int d = config.dimension();
        Map<String, float[][]> content = ContentFeatures.byModality(db, data);
        modalities.clear();
        modalities.add("id");
        modalities.addAll(content.keySet());
        int mCount = modalities.size();
        NormalizedAdjacency a = NormalizedAdjacency.of(nu, ni, data.trainPositives);
        BprSampler sampler = new BprSampler(data, new Random(config.seed()));
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(config.seed());
        losses.clear();
        monitor = new EvalMonitor(data);
        try (NDManager manager = engine.newBaseManager(engine.defaultDevice())) {
            NDArray adjacency = a.toSparse(manager);
            // parameters: shared ID vectors of every node; per modality user preferences and a projection
            Map<String, NDArray> params = new HashMap<>();
            params.put("id", manager.randomNormal(0f, 0.1f, new Shape(a.size(), d), DataType.FLOAT32));
            List<NDArray> features = new ArrayList<>();
            for (String m : content.keySet()) {
                float[][] x = content.get(m);
                int f = x[0].length;
                float[] rows = new float[ni * f];
                for (int i = 0; i < ni; i++) {
                    System.arraycopy(x[i], 0, rows, i * f, f);
                }
                features.add(manager.create(rows, new Shape(ni, f)));
                params.put("u_" + m, manager.randomNormal(0f, 0.1f, new Shape(nu, d), DataType.FLOAT32));
                params.put("w_" + m, manager.randomNormal(0f, (float) (1 / Math.sqrt(f)), new Shape(f, d), DataType.FLOAT32));
            }
            params.values().forEach(p -> p.setRequiresGradient(true));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            try (EpochProgress progress = new EpochProgress("mmgcn", config.epochs())) {
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    double sum = 0;
                    int steps = 0;
                    for (BprSampler.Batch b : sampler.epoch(config.batchSize())) {
                        BprSampler.Batch nodes = b.offsetItems(nu);
                        sum += step(manager, adjacency, params, features, content.keySet(), nodes.users(), nodes.positives(),
                                nodes.negatives(), adam);
                        steps++;
                    }
                    losses.add(sum / Math.max(1, steps));
                    Double auc = null;
                    if (monitor.due(epoch, config.epochs())) {
                        materialise(manager, adjacency, params, features, content.keySet(), nu, ni);
                        auc = monitor.record(epoch, userVectors, itemVectors);
                    }
                    progress.epoch(losses.get(losses.size() - 1), auc);
                }
            }
            materialise(manager, adjacency, params, features, content.keySet(), nu, ni);
        }
    }

    /** The current per-modality vectors, concatenated and scaled, into {@code userVectors} and {@code itemVectors}. */
    private void materialise(NDManager manager, NDArray adjacency, Map<String, NDArray> params, List<NDArray> features,
            java.util.Set<String> contentModalities, int nu, int ni) {
        int d = config.dimension();
        int mCount = contentModalities.size() + 1;
        try (NDManager last = manager.newSubManager()) {
            last.tempAttachAll(adjacency);
            List<NDArray> reps = representations(last, adjacency, params, features, contentModalities);
            float scale = (float) (1 / Math.sqrt(mCount));
            userVectors = new float[nu][d * mCount];
            itemVectors = new float[ni][d * mCount];
            for (int m = 0; m < mCount; m++) {
                float[] flatRep = reps.get(m).toFloatArray();
                for (int u = 0; u < nu; u++) {
                    for (int k = 0; k < d; k++) {
                        userVectors[u][m * d + k] = flatRep[u * d + k] * scale;
                    }
                }
                for (int i = 0; i < ni; i++) {
                    for (int k = 0; k < d; k++) {
                        itemVectors[i][m * d + k] = flatRep[(nu + i) * d + k] * scale;
                    }
                }
            }
        }
    }

    @Override
    public EvalMonitor evalMonitor() {
        return monitor;
    }

    /** Per modality: mean over layers of Â^l E_m0, plus the shared ID vectors; ID first. */
    private List<NDArray> representations(NDManager scope, NDArray adjacency, Map<String, NDArray> params,
            List<NDArray> features, java.util.Set<String> contentModalities) {
        NDArray id = params.get("id");
        scope.tempAttachAll(id);
        List<NDArray> inputs = new ArrayList<>();
        inputs.add(id);
        int k = 0;
        for (String m : contentModalities) {
            NDArray u = params.get("u_" + m);
            NDArray w = params.get("w_" + m);
            NDArray x = features.get(k++);
            scope.tempAttachAll(u, w, x);
            inputs.add(NDArrays.concat(new NDList(u, x.matMul(w)), 0));
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

    private double step(NDManager manager, NDArray adjacency, Map<String, NDArray> params, List<NDArray> features,
            java.util.Set<String> contentModalities, int[] ub, int[] ib, int[] jb, Optimizer adam) {
        try (NDManager step = manager.newSubManager()) {
            step.tempAttachAll(adjacency);
            NDArray u = step.create(ub);
            NDArray i = step.create(ib);
            NDArray j = step.create(jb);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                List<NDArray> reps = representations(step, adjacency, params, features, contentModalities);
                NDArray x = null;
                for (NDArray rep : reps) {
                    NDArray eu = rep.get(step, new NDIndex("{}", u));
                    NDArray diff = eu.mul(rep.get(step, new NDIndex("{}", i)).sub(rep.get(step, new NDIndex("{}", j))))
                            .sum(new int[] {1});
                    x = x == null ? diff : x.add(diff);
                }
                x = x.div((float) reps.size());
                NDArray id = params.get("id");
                NDArray reg = id.get(step, new NDIndex("{}", u)).square().sum()
                        .add(id.get(step, new NDIndex("{}", i)).square().sum())
                        .add(id.get(step, new NDIndex("{}", j)).square().sum()).mul(config.l2() / ub.length);
                NDArray l = Activation.softPlus(x.neg()).mean().add(reg);
                gc.backward(l);
                loss = l.getFloat();
            }
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                try (NDArray g = p.getValue().getGradient()) {
                    adam.update(p.getKey(), p.getValue(), g);
                }
            }
            return loss;
        }
    }


    @Override
    public List<Double> lossCurve() {
        return List.copyOf(losses);
    }

    @Override
    public float[][] userVectors() {
        return userVectors;
    }

    @Override
    public float[][] itemVectors() {
        return itemVectors;
    }
}
