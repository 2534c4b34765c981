package org.mmkgrec.embedding.kg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Random;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Trainable;
import org.mmkgrec.embedding.train.Trainer;

/**
 * TransE (Bordes et al., NIPS 2013) on DJL's PyTorch engine: an entity {@code e} and a relation
 * {@code r} are vectors, a triple (h, r, t) is plausible when {@code h + r} is close to {@code t};
 * distance {@code d(h, r, t) = |h/|h| + r - t/|t||_2} (entities used at unit norm, as the paper keeps
 * them), margin loss {@code max(0, margin + d(pos) - d(neg))} against the triple with its head or
 * its tail (half each) replaced by a uniformly drawn entity, Adam, seeded.
 *
 * <p>Two uses: {@link #fit(KgData)} trains it on a KG alone (through the shared
 * {@link Trainer}, nothing to watch); {@link TransERecommender} builds its parameters and epochs into
 * a recommender's fit ({@link #build}, {@link #epoch}, {@link #entities}).
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
    private KgData kg;
    private int[] order;
    private List<Double> losses = List.of();
    private float[][] entityVectors;
    private float[][] relationVectors;

    public TransE(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
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

    /** Trains on the KG alone; the vectors are then {@link #entityVectors()} and {@link #relationVectors()}. */
    public void fit(KgData graph) {
        Trainer.Result r = Trainer.fit(new Trainable() {
            @Override
            public String name() {
                return "transe";
            }

            @Override
            public Schedule schedule() {
                return new Schedule(config.epochs(), config.learningRate(), config.seed());
            }

            @Override
            public void build(TrainContext context, InteractionData data) {
                TransE.this.build(context, graph);
            }

            @Override
            public double epoch(TrainContext context, int epoch) {
                return TransE.this.epoch(context);
            }

            @Override
            public Snapshot snapshot(TrainContext context) {
                relationVectors = rows(context.params().get("transe.relations"));
                return new Snapshot(new float[0][], entities(context));
            }
        }, null, new TrainOptions(1, 0, null, false));
        losses = r.history().losses();
        entityVectors = r.vectors().items();
    }

    /** Creates the entity and relation parameters ({@code transe.*}) for {@code graph}. */
    void build(TrainContext context, KgData graph) {
        this.kg = graph;
        int d = config.dimension();
        float bound = (float) (6 / Math.sqrt(d));
        Params p = context.params();
        p.add("transe.entities", context.manager().randomUniform(-bound, bound, new ai.djl.ndarray.types.Shape(graph.entities.size(), d)));
        p.add("transe.relations", context.manager().randomUniform(-bound, bound, new ai.djl.ndarray.types.Shape(graph.relations.size(), d)));
        order = new int[graph.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
    }

    /** One pass over the triples in a new order; the mean margin loss. */
    double epoch(TrainContext context) {
        Random random = context.random();
        int n = order.length;
        int ne = kg.entities.size();
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
        }
        Params p = context.params();
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
                int q = order[from + k];
                h[k] = kg.heads[q];
                r[k] = kg.relationsOf[q];
                t[k] = kg.tails[q];
                boolean head = random.nextBoolean();
                hn[k] = head ? random.nextInt(ne) : h[k];
                tn[k] = head ? t[k] : random.nextInt(ne);
            }
            sum += context.step(step -> {
                NDArray entities = p.get("transe.entities");
                NDArray rv = p.get("transe.relations").get(step, new NDIndex("{}", step.create(r)));
                NDArray pos = dist(unit(entities.get(step, new NDIndex("{}", step.create(h)))), rv,
                        unit(entities.get(step, new NDIndex("{}", step.create(t)))));
                NDArray neg = dist(unit(entities.get(step, new NDIndex("{}", step.create(hn)))), rv,
                        unit(entities.get(step, new NDIndex("{}", step.create(tn)))));
                return pos.sub(neg).add(config.margin()).maximum(0f).mean();
            }, "transe.");
            steps++;
        }
        return sum / Math.max(1, steps);
    }

    /** The current entity vectors, indexed like the KG data's entities. */
    float[][] entities(TrainContext context) {
        return rows(context.params().get("transe.entities"));
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-9f));
    }

    private static NDArray dist(NDArray h, NDArray r, NDArray t) {
        return h.add(r).sub(t).square().sum(new int[] {1}).add(1e-12f).sqrt();
    }

    public List<Double> lossCurve() {
        return losses;
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

    private static float[][] rows(NDArray a) {
        return Snapshot.rows(a.toFloatArray(), (int) a.getShape().get(0), (int) a.getShape().get(1));
    }
}
