package org.mmkgrec.embedding.kg;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import org.mmkgrec.embedding.eval.EpochProgress;
import java.util.List;
import java.util.Random;

/**
 * TransE (Bordes et al., NIPS 2013) on DJL's PyTorch engine: an entity {@code e} and a relation
 * {@code r} are vectors, a triple (h, r, t) is plausible when {@code h + r} is close to {@code t};
 * distance {@code d(h, r, t) = |h/|h| + r - t/|t||_2} (entities used at unit norm, as the paper keeps
 * them), margin loss {@code max(0, margin + d(pos) - d(neg))} against the triple with its head or
 * its tail (half each) replaced by a uniformly drawn entity, Adam, seeded.
 */
public final class TransE {

    /**
     * @param dimension vector size (default 64)
     * @param epochs passes over the triples (default 100)
     * @param batchSize triples per step (default 1024)
     * @param learningRate Adam (default 0.01)
     * @param margin the margin (default 1.0)
     * @param seed random seed
     */
    public record Config(int dimension, int epochs, int batchSize, float learningRate, float margin, int seed) {
        public Config {
            if (dimension < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(margin > 0)) {
                throw new IllegalArgumentException("TransE needs dimension, epochs, batchSize >= 1 and learningRate, margin > 0");
            }
        }

        public static Config defaults(int seed) {
            return new Config(64, 100, 1024, 0.01f, 1.0f, seed);
        }
    }

    private final Config config;
    private final List<Double> losses = new ArrayList<>();
    private float[][] entityVectors;
    private float[][] relationVectors;

    public TransE(Config config) {
        this.config = config;
    }

    /** The distance TransE scores a triple by (lower = more plausible), on plain arrays. */
    public static double distance(float[] h, float[] r, float[] t) {
        double nh = norm(h);
        double nt = norm(t);
        double s = 0;
        for (int k = 0; k < h.length; k++) {
            double x = h[k] / nh + r[k] - t[k] / nt;
            s += x * x;
        }
        return Math.sqrt(s);
    }

    public void fit(KgData kg) {
        int n = kg.size();
        int ne = kg.entities.size();
        int d = config.dimension();
        Random random = new Random(config.seed());
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(config.seed());
        losses.clear();
        try (NDManager manager = engine.newBaseManager(engine.defaultDevice())) {
            float bound = (float) (6 / Math.sqrt(d));
            NDArray entities = manager.randomUniform(-bound, bound, new Shape(ne, d), DataType.FLOAT32);
            NDArray relations = manager.randomUniform(-bound, bound, new Shape(kg.relations.size(), d), DataType.FLOAT32);
            entities.setRequiresGradient(true);
            relations.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
            int[] order = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            try (EpochProgress progress = new EpochProgress("transe", config.epochs())) {
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    for (int k = n - 1; k > 0; k--) {
                        int j = random.nextInt(k + 1);
                        int tmp = order[k];
                        order[k] = order[j];
                        order[j] = tmp;
                    }
                    double sum = 0;
                    int steps = 0;
                    for (int from = 0; from < n; from += config.batchSize()) {
                        int size = Math.min(config.batchSize(), n - from);
                        int[] h = new int[size];
                        int[] r = new int[size];
                        int[] t = new int[size];
                        int[] hn = new int[size];
                        int[] tn = new int[size];
                        for (int k = 0; k < size; k++) {
                            int p = order[from + k];
                            h[k] = kg.heads[p];
                            r[k] = kg.relationsOf[p];
                            t[k] = kg.tails[p];
                            boolean head = random.nextBoolean();
                            hn[k] = head ? random.nextInt(ne) : h[k];
                            tn[k] = head ? t[k] : random.nextInt(ne);
                        }
                        sum += step(manager, entities, relations, adam, h, r, t, hn, tn);
                        steps++;
                    }
                    losses.add(sum / Math.max(1, steps));
                    progress.epoch(losses.get(losses.size() - 1));
                }
            }
            entityVectors = rows(entities.toFloatArray(), ne, d);
            relationVectors = rows(relations.toFloatArray(), kg.relations.size(), d);
        }
    }

    private double step(NDManager manager, NDArray entities, NDArray relations, Optimizer adam,
            int[] h, int[] r, int[] t, int[] hn, int[] tn) {
        try (NDManager step = manager.newSubManager()) {
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray rv = relations.get(step, new NDIndex("{}", step.create(r)));
                NDArray pos = dist(unit(entities.get(step, new NDIndex("{}", step.create(h)))), rv,
                        unit(entities.get(step, new NDIndex("{}", step.create(t)))));
                NDArray neg = dist(unit(entities.get(step, new NDIndex("{}", step.create(hn)))), rv,
                        unit(entities.get(step, new NDIndex("{}", step.create(tn)))));
                NDArray l = pos.sub(neg).add(config.margin()).maximum(0f).mean();
                gc.backward(l);
                loss = l.getFloat();
            }
            try (NDArray ge = entities.getGradient(); NDArray gr = relations.getGradient()) {
                adam.update("entities", entities, ge);
                adam.update("relations", relations, gr);
            }
            return loss;
        }
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-9f));
    }

    private static NDArray dist(NDArray h, NDArray r, NDArray t) {
        return h.add(r).sub(t).square().sum(new int[] {1}).add(1e-12f).sqrt();
    }

    public List<Double> lossCurve() {
        return List.copyOf(losses);
    }

    /** Indexed like the KG data's entities (after fit). */
    public float[][] entityVectors() {
        return entityVectors;
    }

    /** Indexed like the KG data's relations (after fit). */
    public float[][] relationVectors() {
        return relationVectors;
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static float[][] rows(float[] flat, int n, int d) {
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }
}
