package org.mmkgrec.embedding.gcn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import org.mmkgrec.embedding.eval.EpochProgress;
import org.mmkgrec.embedding.eval.EvalMonitor;
import java.util.List;
import java.util.Random;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;

/**
 * LightGCN (He et al., SIGIR 2020) on DJL's PyTorch engine: one ID vector per user and item
 * ({@code E0}), propagated {@code layers} times over the normalised user-item adjacency without
 * weights or non-linearities ({@code E(l+1) = Â E(l)}), the final vector the mean of all layers;
 * score = dot product; trained with BPR on sampled negatives plus L2 on the batch's {@code E0} rows,
 * Adam. Every step propagates the whole graph (a sparse COO matrix times a dense one, so the
 * gradient flows to every vector a batch depends on).
 *
 * <p>Memory (STACK.md): the sparse matrix is built with {@code JniUtils.createSparseCoo} from index
 * and value arrays kept alive for the whole fit; per-step arrays live in a sub-manager to which the
 * long-lived arrays are temporarily attached, so nothing accumulates across steps.
 */
public final class LightGcn implements VectorModel {

    /**
     * @param dimension vector size (default 64)
     * @param layers propagation layers (default 3)
     * @param epochs passes over the training positives (default 200)
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
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0, was " + learningRate);
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 3, 200, 2048, 0.005f, 1e-4f, seed);
        }
    }

    private final Config config;
    private final List<Double> losses = new ArrayList<>();
    private EvalMonitor monitor;
    private float[][] userVectors;
    private float[][] itemVectors;

    public LightGcn(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "lightgcn";
    }

    @Override
    public List<Double> lossCurve() {
        return List.copyOf(losses);
    }

    @Override
    public void fit(InteractionData data) {
        int nu = data.userCount();
        int ni = data.itemCount();
        int d = config.dimension();
        NormalizedAdjacency a = NormalizedAdjacency.of(nu, ni, data.trainPositives);
        BprSampler sampler = new BprSampler(data, new Random(config.seed()));
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(config.seed());
        Device device = engine.defaultDevice();
        losses.clear();
        monitor = new EvalMonitor(data);
        try (NDManager manager = engine.newBaseManager(device)) {
            NDArray adjacency = a.toSparse(manager);
            NDArray e0 = manager.randomNormal(0f, 0.1f, new Shape(a.size(), d), DataType.FLOAT32);
            e0.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            try (EpochProgress progress = new EpochProgress("lightgcn", config.epochs())) {
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    double lossSum = 0;
                    int steps = 0;
                    for (BprSampler.Batch b : sampler.epoch(config.batchSize())) {
                        BprSampler.Batch nodes = b.offsetItems(nu);
                        lossSum += step(manager, adjacency, e0, adam, nodes.users(), nodes.positives(), nodes.negatives());
                        steps++;
                    }
                    losses.add(lossSum / Math.max(1, steps));
                    Double auc = null;
                    if (monitor.due(epoch, config.epochs())) {
                        materialise(manager, adjacency, e0, nu, ni, d);
                        auc = monitor.record(epoch, userVectors, itemVectors);
                    }
                    progress.epoch(losses.get(losses.size() - 1), auc);
                }
            }
            materialise(manager, adjacency, e0, nu, ni, d);
        }
    }

    /** The current final vectors into {@code userVectors} and {@code itemVectors}. */
    private void materialise(NDManager manager, NDArray adjacency, NDArray e0, int nu, int ni, int d) {
        try (NDManager last = manager.newSubManager()) {
            last.tempAttachAll(adjacency, e0);
            float[] fin = propagate(adjacency, e0).toFloatArray();
            userVectors = new float[nu][d];
            itemVectors = new float[ni][d];
            for (int r = 0; r < nu; r++) {
                System.arraycopy(fin, r * d, userVectors[r], 0, d);
            }
            for (int r = 0; r < ni; r++) {
                System.arraycopy(fin, (nu + r) * d, itemVectors[r], 0, d);
            }
        }
    }

    @Override
    public EvalMonitor evalMonitor() {
        return monitor;
    }

    /** mean(E0, ÂE0, Â²E0, ...): the final vectors of every node. */
    private NDArray propagate(NDArray adjacency, NDArray e0) {
        NDArray layer = e0;
        NDArray sum = e0;
        for (int l = 0; l < config.layers(); l++) {
            layer = adjacency.matMul(layer);
            sum = sum.add(layer);
        }
        return sum.div(config.layers() + 1f);
    }

    private double step(NDManager manager, NDArray adjacency, NDArray e0, Optimizer adam, int[] ub, int[] ib, int[] jb) {
        try (NDManager step = manager.newSubManager()) {
            step.tempAttachAll(adjacency, e0);
            NDArray u = step.create(ub);
            NDArray i = step.create(ib);
            NDArray j = step.create(jb);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray fin = propagate(adjacency, e0);
                NDArray eu = fin.get(step, new NDIndex("{}", u));
                NDArray ei = fin.get(step, new NDIndex("{}", i));
                NDArray ej = fin.get(step, new NDIndex("{}", j));
                NDArray x = eu.mul(ei.sub(ej)).sum(new int[] {1});
                NDArray reg = e0.get(step, new NDIndex("{}", u)).square().sum()
                        .add(e0.get(step, new NDIndex("{}", i)).square().sum())
                        .add(e0.get(step, new NDIndex("{}", j)).square().sum())
                        .mul(config.l2() / ub.length);
                NDArray l = Activation.softPlus(x.neg()).mean().add(reg);
                gc.backward(l);
                loss = l.getFloat();
            }
            try (NDArray g = e0.getGradient()) {
                adam.update("e0", e0, g);
            }
            return loss;
        }
    }


    /** The final item vectors (after fit), indexed like the data's items. */
    @Override
    public float[][] itemVectors() {
        return itemVectors;
    }

    /** The final user vectors (after fit), indexed like the data's users. */
    @Override
    public float[][] userVectors() {
        return userVectors;
    }

}
