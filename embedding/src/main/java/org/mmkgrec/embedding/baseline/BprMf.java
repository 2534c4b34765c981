package org.mmkgrec.embedding.baseline;

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
import java.util.List;
import java.util.Random;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;

/**
 * BPR-MF on DJL's PyTorch engine: user and item vectors trained so that a user's liked item scores
 * above an item sampled uniformly from those they did not like, loss {@code softplus(-(s_ui - s_uj))}
 * plus L2 on the vectors of the batch, Adam. Runs on the engine's default device (a GPU when the
 * {@code gpu} build and a GPU are present, else CPU). Seeded: DJL's seed for the initial vectors,
 * our own {@link Random} for the order and the negatives.
 *
 * <p>Memory: every per-step array lives in a sub-manager closed at the end of the step; the
 * parameters are the only long-lived arrays (STACK.md: rows gathered with {@code get(manager, index)}).
 */
public final class BprMf implements VectorModel {

    /**
     * @param dimension vector size (default 64)
     * @param epochs passes over the training positives (default 40)
     * @param batchSize triples per step (default 1024)
     * @param learningRate Adam's learning rate (default 0.005)
     * @param l2 weight of the L2 penalty per batch (default 1e-4)
     * @param seed random seed (default 42)
     */
    public record Config(int dimension, int epochs, int batchSize, float learningRate, float l2, int seed) {
        public Config {
            if (dimension < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("`dimension`, `epochs` and `batchSize` must be >= 1");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("`learningRate` must be > 0, was " + learningRate);
            }
        }

        public static Config defaults() {
            return new Config(64, 40, 1024, 0.005f, 1e-4f, 42);
        }
    }

    private final Config config;
    private final List<Double> losses = new ArrayList<>();
    private float[][] userVectors;
    private float[][] itemVectors;

    public BprMf(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "bprmf";
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
        BprSampler sampler = new BprSampler(data, new Random(config.seed()));
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(config.seed());
        Device device = engine.defaultDevice();
        losses.clear();
        try (NDManager manager = engine.newBaseManager(device)) {
            NDArray users = manager.randomNormal(0f, 0.1f, new Shape(nu, d), DataType.FLOAT32);
            NDArray items = manager.randomNormal(0f, 0.1f, new Shape(ni, d), DataType.FLOAT32);
            users.setRequiresGradient(true);
            items.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            try (EpochProgress progress = new EpochProgress("bprmf", config.epochs())) {
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    double lossSum = 0;
                    int steps = 0;
                    for (BprSampler.Batch b : sampler.epoch(config.batchSize())) {
                        lossSum += step(manager, users, items, adam, b.users(), b.positives(), b.negatives());
                        steps++;
                    }
                    losses.add(lossSum / Math.max(1, steps));
                    progress.epoch(losses.get(losses.size() - 1));
                }
            }
            userVectors = rows(users.toFloatArray(), nu, d);
            itemVectors = rows(items.toFloatArray(), ni, d);
        }
    }

    private double step(NDManager manager, NDArray users, NDArray items, Optimizer adam, int[] ub, int[] ib, int[] jb) {
        try (NDManager step = manager.newSubManager()) {
            NDArray u = step.create(ub);
            NDArray i = step.create(ib);
            NDArray j = step.create(jb);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray eu = users.get(step, new NDIndex("{}", u));
                NDArray ei = items.get(step, new NDIndex("{}", i));
                NDArray ej = items.get(step, new NDIndex("{}", j));
                NDArray x = eu.mul(ei.sub(ej)).sum(new int[] {1});
                NDArray reg = eu.square().sum().add(ei.square().sum()).add(ej.square().sum())
                        .mul(config.l2() / ub.length);
                NDArray l = Activation.softPlus(x.neg()).mean().add(reg);
                gc.backward(l);
                loss = l.getFloat();
            }
            try (NDArray gu = users.getGradient(); NDArray gi = items.getGradient()) {
                adam.update("users", users, gu);
                adam.update("items", items, gi);
            }
            return loss;
        }
    }


    @Override
    public float[][] userVectors() {
        return userVectors;
    }

    @Override
    public float[][] itemVectors() {
        return itemVectors;
    }

    private static float[][] rows(float[] flat, int n, int d) {
        float[][] out = new float[n][d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * d, out[r], 0, d);
        }
        return out;
    }

}
