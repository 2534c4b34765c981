package org.mmkgrec.embedding.kg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.ContentFeatures;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.EdgeGraph;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * MKGAT (Sun et al., CIKM 2020) on DJL: recommendation over the multimodal knowledge graph.
 *
 * <p><b>Graph.</b> One node per user, per KG entity (items are entities), per item outside the KG,
 * and per multimodal node (an item's text, image or audio content, MKGAT's multimodal entities).
 * Edges, each in both directions with its own relation: the KG's triples (the KG's relation names),
 * {@code item -has_<modality>-> content}, and the training interactions {@code user -interact-> item}
 * (KGAT's collaborative knowledge graph).
 *
 * <p><b>Entity encoder.</b> Users, entities and items have free vectors; a multimodal node's vector is
 * its content vector (MiniLM text, loaded image/audio vectors) through a learned linear map per
 * modality, so all modalities meet in one space.
 *
 * <p><b>Attention layers.</b> For node {@code h} and an entering edge from {@code t} by relation
 * {@code r}: {@code e(h,r,t) = W1 [e_h ; e_r ; e_t]} (computed as {@code A e_h + C e_r + B e_t}),
 * {@code pi(h,r,t) = LeakyReLU(w2 . e(h,r,t))}, softmax over {@code h}'s entering edges, aggregate
 * {@code e_agg = sum pi e(h,r,t)}, new vector {@code LeakyReLU(W3 (e_h + e_agg))} (the paper's "add"
 * aggregator).
 *
 * <p><b>Training</b> alternates, as in the paper: an epoch of the recommendation part (user and item
 * representations = the concatenation of every layer's output, L2-normalised after layer 0; score =
 * their dot product; BPR with sampled negatives by default) then an epoch of the KG part (TransE on
 * the layer-0 vectors over the KG and item-content triples, softplus pairwise loss against triples
 * with a corrupted tail). Through the shared {@link org.mmkgrec.embedding.train.Trainer}: Adam, seeded,
 * early stopping on the eval split.
 *
 * <p><b>Attention refreshed per epoch.</b> An exact step computes every edge's message and attention
 * score, a tensor per edge and dimension, and costs about 5 s per step on ML-100K's MMKG (~275k
 * directed edges) on 2 cores, whatever the batch size. As in KGAT's reference implementation, the
 * normalised attention {@code alpha} is kept fixed between refreshes: because the message is linear,
 * {@code sum alpha (A e_h + B e_t + C e_r) = A e_h + B (S x)_h + C (M r)_h} with {@code S} the
 * sparse (node x node) and {@code M} the sparse (node x relation) matrices of the fixed weights, so a
 * step costs two sparse products per layer instead of the per-edge tensors. The first step of every
 * epoch (or every {@link Config#attentionRefresh()}-th step) is exact: it trains the scoring vector
 * {@code w2}, which only exact steps reach, and refreshes {@code alpha}; the vectors written and
 * evaluated always come from an exact pass. {@code attentionRefresh = 1} trains end to end at every step.
 */
public final class Mkgat extends TrainedModel {

    /**
     * @param attentionRefresh recommendation steps per exact step (see the class comment): 1 makes
     *     every step exact, as in the paper; 0 refreshes the attention on the first step of each epoch
     */
    public record Config(int dimension, int layers, int epochs, int batchSize, int kgBatchSize, float learningRate,
                         float l2, Losses.Kind loss, int attentionRefresh, int seed) {
        public Config {
            if (dimension < 1 || layers < 1 || epochs < 1 || batchSize < 1 || kgBatchSize < 1 || !(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("MKGAT config: sizes >= 1, learningRate > 0, l2 >= 0");
            }
            if (attentionRefresh < 0) {
                throw new IllegalArgumentException("MKGAT config: attentionRefresh >= 0 (0: once per epoch, 1: every step)");
            }
        }

        /** The same with another loss; null keeps this one. */
        public Config withLoss(Losses.Kind kind) {
            return kind == null ? this
                    : new Config(dimension, layers, epochs, batchSize, kgBatchSize, learningRate, l2, kind, attentionRefresh, seed);
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 60, 1024, 2048, 0.005f, 1e-5f, Losses.Kind.BPR, 0, seed);
        }
    }

    /** Largest (nodes x relations) matrix of fixed attention kept dense (64 MiB of floats). */
    static final long DENSE_BY_RELATION_MAX = 16L << 20;

    private final GraphDatabaseService db;
    private final Config config;
    private final List<Double> kgLosses = new ArrayList<>();
    private KgData kg;
    private Net net;
    private BprSampler sampler;
    private int[] order;

    public Mkgat(GraphDatabaseService db, Config config) {
        this(db, config, null);
    }

    public Mkgat(GraphDatabaseService db, Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.config = config;
    }

    @Override
    public String name() {
        return "mkgat";
    }

    /** The multimodal graph of one fit: node numbering, edges and the TransE triples. */
    static final class Mmkg {
        int users;
        int freeNodes; // users + entities + items outside the KG
        int[] itemNode;
        final List<String> modalities = new ArrayList<>();
        final List<float[][]> contentFeatures = new ArrayList<>(); // per modality, rows = contentItems order
        final List<int[]> contentItems = new ArrayList<>(); // per modality, the item index of each content row
        int nodes;
        int relations;
        EdgeGraph graph;
        int[] tripleHead;
        int[] tripleRelation;
        int[] tripleTail;
        int tailPoolFrom; // corrupted tails are drawn from [tailPoolFrom, nodes)

        static Mmkg of(KgData kg, Map<String, String> entityOfItem, Map<String, float[][]> content, InteractionData data) {
            Mmkg g = new Mmkg();
            int nu = data.userCount();
            int ni = data.itemCount();
            int ne = kg.entities.size();
            g.users = nu;
            g.itemNode = new int[ni];
            int extra = 0;
            for (int i = 0; i < ni; i++) {
                int e = kg.entity(entityOfItem.getOrDefault(data.items.get(i), ""));
                g.itemNode[i] = e >= 0 ? nu + e : nu + ne + extra++;
            }
            g.freeNodes = nu + ne + extra;
            int next = g.freeNodes;
            List<long[]> edges = new ArrayList<>();
            List<int[]> triples = new ArrayList<>();
            int r0 = kg.relations.size();
            for (int k = 0; k < kg.size(); k++) {
                int h = nu + kg.heads[k];
                int t = nu + kg.tails[k];
                edges.add(new long[] {t, h, kg.relationsOf[k]});
                edges.add(new long[] {h, t, r0 + kg.relationsOf[k]});
                triples.add(new int[] {h, kg.relationsOf[k], t});
            }
            int interact = 2 * r0;
            for (int u = 0; u < nu; u++) {
                for (int i : data.trainPositives[u]) {
                    edges.add(new long[] {g.itemNode[i], u, interact});
                    edges.add(new long[] {u, g.itemNode[i], interact + 1});
                }
            }
            int rel = interact + 2;
            for (Map.Entry<String, float[][]> m : content.entrySet()) {
                float[][] x = m.getValue();
                List<Integer> items = new ArrayList<>();
                for (int i = 0; i < ni; i++) {
                    if (nonZero(x[i])) {
                        items.add(i);
                    }
                }
                float[][] rows = new float[items.size()][];
                int[] itemOfRow = new int[items.size()];
                for (int k = 0; k < rows.length; k++) {
                    int i = items.get(k);
                    rows[k] = x[i];
                    itemOfRow[k] = i;
                    int c = next + k;
                    edges.add(new long[] {c, g.itemNode[i], rel});
                    edges.add(new long[] {g.itemNode[i], c, rel + 1});
                    triples.add(new int[] {g.itemNode[i], rel, c});
                }
                g.modalities.add(m.getKey());
                g.contentFeatures.add(rows);
                g.contentItems.add(itemOfRow);
                next += rows.length;
                rel += 2;
            }
            g.nodes = next;
            g.relations = rel;
            long[] s = new long[edges.size()];
            long[] t = new long[edges.size()];
            long[] r = new long[edges.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = edges.get(k)[0];
                t[k] = edges.get(k)[1];
                r[k] = edges.get(k)[2];
            }
            g.graph = new EdgeGraph(g.nodes, s, t, r);
            g.tripleHead = triples.stream().mapToInt(x -> x[0]).toArray();
            g.tripleRelation = triples.stream().mapToInt(x -> x[1]).toArray();
            g.tripleTail = triples.stream().mapToInt(x -> x[2]).toArray();
            g.tailPoolFrom = nu;
            return g;
        }

        private static boolean nonZero(float[] v) {
            for (float x : v) {
                if (x != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class Net {
        final Params params;
        final List<NDArray> features = new ArrayList<>();
        final EdgeGraph.Bound graph;
        final Mmkg g;
        /** {@code (nodes, 1)}: 1 where a node has an entering edge (its attention weights sum to 1), else 0. */
        final NDArray hasIn;
        /** Per layer, the fixed attention as sparse {@code (nodes, nodes)} and {@code (nodes, relations)}; null before the first exact step. */
        NDArray[] bySource;
        NDArray[] byRelation;
        NDManager frozen;
        /** What a step with fixed attention trains: everything but the scoring vectors {@code w2}. */
        final String[] frozenTrains;

        Net(TrainContext context, Mmkg g) {
            this.g = g;
            int d = config.dimension();
            NDManager manager = context.manager();
            params = context.params();
            params.normal("entity", 0.1f, g.freeNodes, d);
            params.normal("relation", 0.1f, g.relations, d);
            for (int m = 0; m < g.modalities.size(); m++) {
                float[][] rows = g.contentFeatures.get(m);
                int f = rows.length == 0 ? 1 : rows[0].length;
                float[] flat = new float[rows.length * f];
                for (int k = 0; k < rows.length; k++) {
                    System.arraycopy(rows[k], 0, flat, k * f, f);
                }
                features.add(context.constant(manager.create(flat, new Shape(rows.length, f))));
                params.xavier("modality." + g.modalities.get(m), f, d);
            }
            List<String> trains = new ArrayList<>(List.of("entity", "relation", "modality."));
            for (int l = 0; l < config.layers(); l++) {
                params.xavier("layer" + l + ".a", d, d);
                params.xavier("layer" + l + ".b", d, d);
                params.xavier("layer" + l + ".c", d, d);
                params.xavier("layer" + l + ".w2", d, 1);
                params.xavier("layer" + l + ".w3", d, d);
                trains.addAll(List.of("layer" + l + ".a", "layer" + l + ".b", "layer" + l + ".c", "layer" + l + ".w3"));
            }
            frozenTrains = trains.toArray(String[]::new);
            graph = g.graph.bind(manager);
            context.constant(graph.incidence());
            float[] in = new float[g.nodes];
            for (long t : g.graph.target()) {
                in[(int) t] = 1f;
            }
            hasIn = context.constant(manager.create(in, new Shape(g.nodes, 1)));
            bySource = new NDArray[config.layers()];
            byRelation = new NDArray[config.layers()];
        }

        /** Layer-0 vectors of every node: free vectors, then each modality's content projected. */
        NDArray layer0() {
            NDList parts = new NDList(params.get("entity"));
            for (int m = 0; m < g.modalities.size(); m++) {
                parts.add(features.get(m).matMul(params.get("modality." + g.modalities.get(m))));
            }
            return NDArrays.concat(parts, 0);
        }

        /** {@code (nodes, (layers + 1) * d)}, exact: layer 0, then every attention layer's output L2-normalised. */
        NDArray represent(NDManager scope) {
            return represent(scope, false);
        }

        /** The exact pass; with {@code keep}, each layer's normalised attention is kept for the fixed steps. */
        NDArray represent(NDManager scope, boolean keep) {
            NDArray x = layer0();
            NDList outputs = new NDList(x);
            NDArray rel = params.get("relation");
            float[][] alphas = keep ? new float[config.layers()][] : null;
            for (int l = 0; l < config.layers(); l++) {
                String p = "layer" + l + ".";
                NDArray fromHead = x.matMul(params.get(p + "a")).get(scope, new NDIndex("{}", graph.target()));
                NDArray fromTail = x.matMul(params.get(p + "b")).get(scope, new NDIndex("{}", graph.source()));
                NDArray fromRelation = rel.matMul(params.get(p + "c")).get(scope, new NDIndex("{}", graph.relation()));
                NDArray e = fromHead.add(fromTail).add(fromRelation);
                NDArray pi = Activation.leakyRelu(e.matMul(params.get(p + "w2")), 0.2f);
                NDArray ex = graph.softmaxWeights(scope, pi);
                NDArray denominator = graph.incidence().matMul(ex).add(1e-16f);
                NDArray aggregate = graph.incidence().matMul(e.mul(ex)).div(denominator);
                if (keep) {
                    alphas[l] = ex.div(denominator.get(scope, new NDIndex("{}", graph.target()))).stopGradient().toFloatArray();
                }
                x = Activation.leakyRelu(x.add(aggregate).matMul(params.get(p + "w3")), 0.2f);
                outputs.add(x.div(x.norm(new int[] {1}, true).add(1e-12f)));
            }
            if (keep) {
                keepAttention(alphas);
            }
            return NDArrays.concat(outputs, 1);
        }

        private void keepAttention(float[][] alphas) {
            if (frozen != null) {
                frozen.close();
            }
            frozen = params.manager().newSubManager();
            long[] target = g.graph.target();
            long[] relation = g.graph.relation();
            int n = target.length;
            NDArray bySourceIndex = frozen.create(pairs(target, g.graph.source()), new Shape(2, n));
            // M is small (nodes x relations) on most graphs: dense products beat PyTorch's sparse ones there
            boolean denseByRelation = (long) g.nodes * g.relations <= DENSE_BY_RELATION_MAX;
            NDArray byRelationIndex = denseByRelation ? null : frozen.create(pairs(target, relation), new Shape(2, n));
            for (int l = 0; l < alphas.length; l++) {
                NDArray values = frozen.create(alphas[l]);
                bySource[l] = JniUtils.createSparseCoo((PtNDArray) bySourceIndex, (PtNDArray) values,
                        new Shape(g.nodes, g.nodes));
                if (denseByRelation) {
                    float[] m = new float[g.nodes * g.relations];
                    for (int e = 0; e < n; e++) {
                        m[(int) target[e] * g.relations + (int) relation[e]] += alphas[l][e];
                    }
                    byRelation[l] = frozen.create(m, new Shape(g.nodes, g.relations));
                } else {
                    byRelation[l] = JniUtils.createSparseCoo((PtNDArray) byRelationIndex, (PtNDArray) values,
                            new Shape(g.nodes, g.relations));
                }
            }
        }

        /** COO indices {@code (2, n)}: the rows, then the columns. */
        private static long[] pairs(long[] rows, long[] columns) {
            long[] out = Arrays.copyOf(rows, rows.length + columns.length);
            System.arraycopy(columns, 0, out, rows.length, columns.length);
            return out;
        }

        /**
         * The same representation with the attention of the last exact pass held fixed: per layer
         * {@code x A (where the node has entering edges) + (S x) B + (M r) C}, then the layer's map.
         */
        NDArray representFixed(NDManager scope) {
            for (int l = 0; l < config.layers(); l++) {
                scope.tempAttachAll(bySource[l], byRelation[l]);
            }
            NDArray x = layer0();
            NDList outputs = new NDList(x);
            NDArray rel = params.get("relation");
            for (int l = 0; l < config.layers(); l++) {
                String p = "layer" + l + ".";
                NDArray aggregate = x.matMul(params.get(p + "a")).mul(hasIn)
                        .add(bySource[l].matMul(x).matMul(params.get(p + "b")))
                        .add(byRelation[l].matMul(rel).matMul(params.get(p + "c")));
                x = Activation.leakyRelu(x.add(aggregate).matMul(params.get(p + "w3")), 0.2f);
                outputs.add(x.div(x.norm(new int[] {1}, true).add(1e-12f)));
            }
            return NDArrays.concat(outputs, 1);
        }
    }

    @Override
    public Schedule schedule() {
        return new Schedule(config.epochs(), config.learningRate(), config.seed());
    }

    @Override
    public void build(TrainContext context, InteractionData data) {
        kg = KgData.fromGraph(db);
        Map<String, String> entityOfItem = db.executeTransactionally(
                "MATCH (i:Item:Entity) RETURN i.id AS id, i.entityId AS e", Map.of(), rows -> {
                    Map<String, String> m = new HashMap<>();
                    rows.forEachRemaining(r -> m.put((String) r.get("id"), (String) r.get("e")));
                    return m;
                });
        Mmkg g = Mmkg.of(kg, entityOfItem, ContentFeatures.byModality(db, data), data);
        net = new Net(context, g);
        sampler = new BprSampler(data, context.random());
        order = new int[g.tripleHead.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        kgLosses.clear();
    }

    /** An epoch of the recommendation part, then one of the KG part; the recommendation loss (NaN when either diverged). */
    @Override
    public double epoch(TrainContext context, int epoch) {
        double sum = 0;
        int steps = 0;
        int refresh = config.attentionRefresh();
        for (BprSampler.Batch b : sampler.epoch(config.batchSize())) {
            boolean exact = refresh == 1 || steps == 0 || (refresh > 0 && steps % refresh == 0);
            sum += recStep(context, b, exact ? (refresh == 1 ? Pass.EXACT : Pass.EXACT_KEEP) : Pass.FIXED);
            steps++;
        }
        shuffle(order, context.random());
        double kgSum = 0;
        int kgSteps = 0;
        for (int from = 0; from < order.length; from += config.kgBatchSize()) {
            kgSum += kgStep(context, from, Math.min(config.kgBatchSize(), order.length - from));
            kgSteps++;
        }
        kgLosses.add(kgSum / Math.max(1, kgSteps));
        double rec = sum / Math.max(1, steps);
        return Double.isFinite(kgSum) ? rec : Double.NaN;
    }

    /** Users, items (their node's concatenated layers) and every KG entity's vector. */
    @Override
    public Snapshot snapshot(TrainContext context) {
        Mmkg g = net.g;
        try (NDManager scope = context.scope()) {
            NDArray rep = net.represent(scope);
            int d = (int) rep.getShape().get(1);
            float[] flat = rep.toFloatArray();
            float[][] users = Snapshot.rows(flat, 0, g.users, d);
            int[] itemNode = g.itemNode;
            float[][] items = new float[itemNode.length][d];
            for (int i = 0; i < items.length; i++) {
                System.arraycopy(flat, itemNode[i] * d, items[i], 0, d);
            }
            Map<String, float[]> entities = new HashMap<>();
            for (int e = 0; e < kg.entities.size(); e++) {
                float[] v = new float[d];
                System.arraycopy(flat, (g.users + e) * d, v, 0, d);
                entities.put(kg.entities.get(e), v);
            }
            return new Snapshot(users, items, entities);
        }
    }

    /** How a recommendation step propagates: exact, exact keeping its attention, or with the kept attention. */
    enum Pass { EXACT, EXACT_KEEP, FIXED }

    private double recStep(TrainContext context, BprSampler.Batch b, Pass pass) {
        int[] pos = new int[b.size()];
        int[] neg = new int[b.size()];
        for (int k = 0; k < pos.length; k++) {
            pos[k] = net.g.itemNode[b.positives()[k]];
            neg[k] = net.g.itemNode[b.negatives()[k]];
        }
        java.util.function.Function<NDManager, NDArray> loss = step -> {
            NDArray rep = pass == Pass.FIXED ? net.representFixed(step) : net.represent(step, pass == Pass.EXACT_KEEP);
            NDArray u = rep.get(step, new NDIndex("{}", step.create(b.users())));
            NDArray i = rep.get(step, new NDIndex("{}", step.create(pos)));
            NDArray j = rep.get(step, new NDIndex("{}", step.create(neg)));
            NDArray scorePos = u.mul(i).sum(new int[] {1});
            NDArray scoreNeg = u.mul(j).sum(new int[] {1});
            NDArray free = net.params.get("entity");
            NDArray reg = free.get(step, new NDIndex("{}", step.create(b.users()))).square().sum()
                    .add(free.get(step, new NDIndex("{}", step.create(pos))).square().sum())
                    .add(free.get(step, new NDIndex("{}", step.create(neg))).square().sum())
                    .mul(config.l2() / b.size());
            return Losses.of(config.loss(), scorePos, scoreNeg.expandDims(1)).add(reg);
        };
        return pass == Pass.FIXED ? context.step(loss, net.frozenTrains) : context.step(loss);
    }

    private double kgStep(TrainContext context, int from, int size) {
        Mmkg g = net.g;
        java.util.Random random = context.random();
        int[] h = new int[size];
        int[] r = new int[size];
        int[] t = new int[size];
        int[] tn = new int[size];
        for (int k = 0; k < size; k++) {
            int p = order[from + k];
            h[k] = g.tripleHead[p];
            r[k] = g.tripleRelation[p];
            t[k] = g.tripleTail[p];
            tn[k] = g.tailPoolFrom + random.nextInt(g.nodes - g.tailPoolFrom);
        }
        return context.step(step -> {
            NDArray x = net.layer0();
            NDArray hv = x.get(step, new NDIndex("{}", step.create(h)));
            NDArray rv = net.params.get("relation").get(step, new NDIndex("{}", step.create(r)));
            NDArray tv = x.get(step, new NDIndex("{}", step.create(t)));
            NDArray nv = x.get(step, new NDIndex("{}", step.create(tn)));
            NDArray pos = hv.add(rv).sub(tv).square().sum(new int[] {1});
            NDArray neg = hv.add(rv).sub(nv).square().sum(new int[] {1});
            NDArray reg = hv.square().sum().add(rv.square().sum()).add(tv.square().sum()).add(nv.square().sum())
                    .mul(config.l2() / size);
            return Activation.softPlus(pos.sub(neg)).mean().add(reg);
        }, "entity", "relation", "modality.");
    }

    private static void shuffle(int[] a, java.util.Random random) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[j];
            a[j] = tmp;
        }
    }

    /**
     * Both passes over the current parameters (for tests): the exact one, which keeps its attention,
     * then the one with that attention fixed; flattened {@code (nodes, (layers + 1) * d)}.
     */
    float[][] exactThenFixed(TrainContext context) {
        try (NDManager scope = context.scope()) {
            float[] exact = net.represent(scope, true).toFloatArray();
            float[] fixed = net.representFixed(scope).toFloatArray();
            return new float[][] {exact, fixed};
        }
    }

    /** The KG part's loss per epoch (the rec part's is {@link #lossCurve()}). */
    public List<Double> kgLossCurve() {
        return List.copyOf(kgLosses);
    }
}
