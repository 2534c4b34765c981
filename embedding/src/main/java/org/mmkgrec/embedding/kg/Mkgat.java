package org.mmkgrec.embedding.kg;

import ai.djl.ndarray.NDArray;
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
import org.mmkgrec.embedding.nn.NeighbourSampler;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.Propagation;
import org.mmkgrec.embedding.nn.SparseRows;
import org.mmkgrec.embedding.nn.Tensors;
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
 *
 * <p><b>Sampled propagation</b> ({@link Config#propagation()}), for graphs where a full-graph step
 * costs too much: a step propagates over its batch's neighbourhood only, each node reached keeping
 * at most {@link Config#fanOut()} of its entering edges ({@link NeighbourSampler}, KGCN
 * and GraphSAGE style), so a step costs the edges its batch touches. Attention logits come from
 * per-node scalars ({@code w2 . (A e_h + B e_t + C e_r) = a_h + b_t + c_r}); the weights are
 * computed fresh at every step and enter as sparse values, and the first step of each epoch (or every
 * {@code attentionRefresh}-th) is exact on its sample and trains {@code w2}. The free vectors live
 * in a host table trained by row-sparse Adam ({@link SparseRows}), so neither their gradient nor
 * their update touches rows outside the batch; the KG part reads only its batch's rows. The vectors
 * written and evaluated come from a whole-graph pass with every edge. With a fan-out covering every
 * entering edge, a sampled pass equals the full one (tested). {@link Propagation#AUTO} keeps graphs
 * up to {@link Propagation#FULL_GRAPH_MAX_EDGES} edges on the full graph and samples above when it costs less.
 */
public final class Mkgat extends TrainedModel {

    /**
     * @param attentionRefresh recommendation steps per exact step (see the class comment): 1 makes
     *     every step exact, as in the paper; 0 refreshes the attention on the first step of each epoch
     * @param propagation full graph, sampled neighbourhoods, or auto (see the class comment)
     * @param fanOut entering edges kept per node and hop when sampling
     */
    public record Config(int dimension, int layers, int epochs, int batchSize, int kgBatchSize, float learningRate,
                         float l2, Losses.Kind loss, int attentionRefresh, Propagation propagation, int fanOut, int seed) {
        public Config {
            if (dimension < 1 || layers < 1 || epochs < 1 || batchSize < 1 || kgBatchSize < 1 || !(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("MKGAT config: sizes >= 1, learningRate > 0, l2 >= 0");
            }
            if (attentionRefresh < 0) {
                throw new IllegalArgumentException("MKGAT config: attentionRefresh >= 0 (0: once per epoch, 1: every step)");
            }
            if (propagation == null || fanOut < 1) {
                throw new IllegalArgumentException("MKGAT config: propagation auto, full or sampled; fanOut >= 1");
            }
        }

        /** The same with another loss; null keeps this one. */
        public Config withLoss(Losses.Kind kind) {
            return kind == null ? this
                    : new Config(dimension, layers, epochs, batchSize, kgBatchSize, learningRate, l2, kind, attentionRefresh,
                    propagation, fanOut, seed);
        }

        public static Config defaults(int seed) {
            return new Config(64, 2, 60, 1024, 2048, 0.005f, 1e-5f, Losses.Kind.BPR, 0, Propagation.AUTO, 10, seed);
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
    private NeighbourSampler neighbours;
    private boolean sampled;
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
        final List<Integer> contentStart = new ArrayList<>(); // per modality, the node of its first content row
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
                g.contentStart.add(next);
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
        /** The free vectors when propagation is sampled (row-sparse Adam); else they are the parameter {@code entity}. */
        final SparseRows free;

        Net(TrainContext context, Mmkg g, boolean sampled) {
            this.g = g;
            int d = config.dimension();
            NDManager manager = context.manager();
            params = context.params();
            if (sampled) {
                free = new SparseRows(g.freeNodes, d, 0.1f, context.random(), config.learningRate());
            } else {
                free = null;
                params.normal("entity", 0.1f, g.freeNodes, d);
            }
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
            List<String> trains = new ArrayList<>(List.of("relation", "modality."));
            if (!sampled) {
                trains.add("entity");
            }
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
        NDArray layer0(NDManager scope) {
            NDList parts = new NDList(free != null ? free.all(scope) : params.get("entity"));
            for (int m = 0; m < g.modalities.size(); m++) {
                parts.add(features.get(m).matMul(params.get("modality." + g.modalities.get(m))));
            }
            return Tensors.concat(parts, 0);
        }

        /** {@code (nodes, (layers + 1) * d)}, exact: layer 0, then every attention layer's output L2-normalised. */
        NDArray represent(NDManager scope) {
            return represent(scope, false);
        }

        /** The exact pass; with {@code keep}, each layer's normalised attention is kept for the fixed steps. */
        NDArray represent(NDManager scope, boolean keep) {
            NDArray x = layer0(scope);
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
            return Tensors.concat(outputs, 1);
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
            NDArray x = layer0(scope);
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
            return Tensors.concat(outputs, 1);
        }
        /**
         * Layer-0 vectors of the first {@code count} of {@code nodes} (global ids), in that order: the
         * rows of the free vectors and of the projected content the nodes need, nothing else.
         */
        NDArray layer0Of(NDManager scope, long[] nodes, int count) {
            int modalities = g.modalities.size();
            List<long[]> rows = new ArrayList<>();
            int[] position = new int[count]; // row of each node in the concatenation of the parts below
            int[] part = new int[count];
            int[] size = new int[modalities + 1];
            for (int k = 0; k < count; k++) {
                int n = (int) nodes[k];
                int m = n < g.freeNodes ? 0 : 1 + modalityOf(n);
                part[k] = m;
                position[k] = size[m]++;
            }
            long[][] index = new long[modalities + 1][];
            for (int m = 0; m <= modalities; m++) {
                index[m] = new long[size[m]];
            }
            for (int k = 0; k < count; k++) {
                int m = part[k];
                long n = nodes[k];
                index[m][position[k]] = m == 0 ? n : n - g.contentStart.get(m - 1);
            }
            NDList parts = new NDList();
            int[] offset = new int[modalities + 1];
            int total = 0;
            for (int m = 0; m <= modalities; m++) {
                offset[m] = total;
                total += size[m];
                if (size[m] == 0) {
                    continue;
                }
                NDArray at = scope.create(index[m]);
                parts.add(m == 0 ? (free != null ? free.rows(scope, index[0]) : params.get("entity").get(scope, new NDIndex("{}", at)))
                        : features.get(m - 1).get(scope, new NDIndex("{}", at))
                                .matMul(params.get("modality." + g.modalities.get(m - 1))));
            }
            NDArray all = Tensors.concat(parts, 0);
            if (parts.size() == 1) {
                return all; // one part: its rows are already in the nodes' order
            }
            long[] order = new long[count];
            for (int k = 0; k < count; k++) {
                order[k] = offset[part[k]] + position[k];
            }
            return all.get(scope, new NDIndex("{}", scope.create(order)));
        }

        private int modalityOf(int node) {
            for (int m = g.modalities.size() - 1; m >= 0; m--) {
                if (node >= g.contentStart.get(m)) {
                    return m;
                }
            }
            throw new IllegalStateException("node " + node + " is not a content node");
        }

        /**
         * One attention layer from the vectors of {@code x}'s rows to those of its first {@code targets}
         * rows over the edges {@code source -> target} (row indices into {@code x}) with relations
         * {@code relation}: the same function as one layer of {@link #represent}, computed without a
         * tensor per edge and dimension. The attention logit of an edge is linear in its three vectors
         * before the LeakyReLU, {@code w2 . (A e_h + B e_t + C e_r) = a_h + b_t + c_r}, so it takes three
         * per-node scalars. With {@code exact} the messages are gathered per edge and the loss reaches
         * {@code w2}; without it the attention weights enter as the values of sparse matrices
         * (held fixed for the step) and the layer costs two sparse products.
         */
        NDArray layer(NDManager scope, int l, NDArray x, int targets, long[] source, long[] target, long[] relation,
                      boolean exact) {
            String p = "layer" + l + ".";
            int edges = source.length;
            NDArray rel = params.get("relation");
            NDArray w2 = params.get(p + "w2");
            NDArray xTarget = targets == x.getShape().get(0) ? x : x.get(new NDIndex("0:" + targets));
            NDArray headScore = xTarget.matMul(params.get(p + "a").matMul(w2));
            NDArray tailScore = x.matMul(params.get(p + "b").matMul(w2));
            NDArray relationScore = rel.matMul(params.get(p + "c").matMul(w2));
            NDArray sourceIndex = scope.create(source);
            NDArray targetIndex = scope.create(target);
            NDArray relationIndex = scope.create(relation);
            NDArray pi = Activation.leakyRelu(headScore.get(scope, new NDIndex("{}", targetIndex))
                    .add(tailScore.get(scope, new NDIndex("{}", sourceIndex)))
                    .add(relationScore.get(scope, new NDIndex("{}", relationIndex))), 0.2f);
            NDArray ex = pi.sub(pi.max().stopGradient()).minimum(EdgeGraph.Bound.MAX_EXPONENT).exp();
            float[] ones = new float[edges];
            Arrays.fill(ones, 1f);
            long[] incidenceIndex = new long[2 * edges];
            System.arraycopy(target, 0, incidenceIndex, 0, edges);
            for (int e = 0; e < edges; e++) {
                incidenceIndex[edges + e] = e;
            }
            NDArray incidence = sparse(scope, incidenceIndex, scope.create(ones), targets, edges);
            NDArray alpha = ex.div(incidence.matMul(ex).add(1e-16f).get(scope, new NDIndex("{}", targetIndex)));
            float[] in = new float[targets];
            for (long t : target) {
                in[(int) t] = 1f;
            }
            NDArray aggregate = xTarget.matMul(params.get(p + "a")).mul(scope.create(in, new Shape(targets, 1)));
            if (exact) {
                NDArray messages = x.matMul(params.get(p + "b")).get(scope, new NDIndex("{}", sourceIndex))
                        .add(rel.matMul(params.get(p + "c")).get(scope, new NDIndex("{}", relationIndex)));
                aggregate = aggregate.add(incidence.matMul(messages.mul(alpha)));
            } else {
                NDArray weights = alpha.stopGradient().reshape(edges);
                long[] bySource = Arrays.copyOf(target, 2 * edges);
                System.arraycopy(source, 0, bySource, edges, edges);
                long[] byRelation = Arrays.copyOf(target, 2 * edges);
                System.arraycopy(relation, 0, byRelation, edges, edges);
                aggregate = aggregate
                        .add(sparse(scope, bySource, weights, targets, x.getShape().get(0)).matMul(x).matMul(params.get(p + "b")))
                        .add(sparse(scope, byRelation, weights, targets, g.relations).matMul(rel).matMul(params.get(p + "c")));
            }
            return Activation.leakyRelu(xTarget.add(aggregate).matMul(params.get(p + "w3")), 0.2f);
        }

        /** A sparse {@code (rows, columns)} matrix on {@code scope}, which keeps its index and value arrays alive. */
        private NDArray sparse(NDManager scope, long[] pairs, NDArray values, long rows, long columns) {
            NDArray index = scope.create(pairs, new Shape(2, pairs.length / 2));
            return JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) values, new Shape(rows, columns));
        }

        /**
         * The representation of a sampled batch: {@code (seeds, (layers + 1) * d)}, one row per distinct
         * seed in {@code blocks}' local order; with a fan-out covering every entering edge, the rows of
         * {@link #represent} for those nodes.
         */
        NDArray representSampled(NDManager scope, NeighbourSampler.Blocks blocks, boolean exact) {
            int layers = config.layers();
            int seeds = blocks.nodes(0);
            NDArray x = layer0Of(scope, blocks.nodes(), blocks.nodes(layers));
            NDList outputs = new NDList(seeds == x.getShape().get(0) ? x : x.get(new NDIndex("0:" + seeds)));
            long[] relationOf = g.graph.relation();
            for (int l = 0; l < layers; l++) {
                int targets = blocks.nodes(layers - 1 - l);
                int edges = blocks.edges(layers - 1 - l);
                long[] relation = new long[edges];
                for (int e = 0; e < edges; e++) {
                    relation[e] = relationOf[(int) blocks.edge()[e]];
                }
                x = layer(scope, l, x, targets, Arrays.copyOf(blocks.source(), edges), Arrays.copyOf(blocks.target(), edges),
                        relation, exact);
                NDArray y = seeds == targets ? x : x.get(new NDIndex("0:" + seeds));
                outputs.add(y.div(y.norm(new int[] {1}, true).add(1e-12f)));
            }
            return Tensors.concat(outputs, 1);
        }

        /** {@link #represent}'s values through {@link #layer} over the whole graph, without per-edge tensors (no training). */
        NDArray representLight(NDManager scope) {
            NDArray x = layer0(scope);
            NDList outputs = new NDList(x);
            for (int l = 0; l < config.layers(); l++) {
                x = layer(scope, l, x, g.nodes, g.graph.source(), g.graph.target(), g.graph.relation(), false);
                outputs.add(x.div(x.norm(new int[] {1}, true).add(1e-12f)));
            }
            return Tensors.concat(outputs, 1);
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
        neighbours = new NeighbourSampler(g.graph);
        sampled = chooseSampled(g, data);
        net = new Net(context, g, sampled);
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
            sum += sampled ? sampledStep(context, b, exact)
                    : recStep(context, b, exact ? (refresh == 1 ? Pass.EXACT : Pass.EXACT_KEEP) : Pass.FIXED);
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
            NDArray rep = sampled ? net.representLight(scope) : net.represent(scope);
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

    /**
     * A recommendation step over the batch's sampled neighbourhood ({@link Config#fanOut()} entering
     * edges per node and hop); {@code exact} steps also train the attention's scoring vectors.
     */
    private double sampledStep(TrainContext context, BprSampler.Batch b, boolean exact) {
        int n = b.size();
        int[] seeds = seeds(b, net.g);
        NeighbourSampler.Blocks blocks = neighbours.sample(seeds, config.layers(), config.fanOut(), context.random());
        int[] row = blocks.seedIndex();
        java.util.function.Function<NDManager, NDArray> loss = step -> {
            NDArray rep = net.representSampled(step, blocks, exact);
            NDArray u = rep.get(step, new NDIndex("{}", step.create(Arrays.copyOfRange(row, 0, n))));
            NDArray i = rep.get(step, new NDIndex("{}", step.create(Arrays.copyOfRange(row, n, 2 * n))));
            NDArray j = rep.get(step, new NDIndex("{}", step.create(Arrays.copyOfRange(row, 2 * n, 3 * n))));
            NDIndex layer0 = new NDIndex(":, 0:" + config.dimension());
            NDArray reg = u.get(layer0).square().sum().add(i.get(layer0).square().sum()).add(j.get(layer0).square().sum())
                    .mul(config.l2() / n);
            return Losses.of(config.loss(), u.mul(i).sum(new int[] {1}), u.mul(j).sum(new int[] {1}).expandDims(1)).add(reg);
        };
        return exact ? context.step(loss, net.free::update) : context.step(loss, net.free::update, net.frozenTrains);
    }

    /** A batch's nodes: its users, then its positives' and negatives' item nodes. */
    private static int[] seeds(BprSampler.Batch b, Mmkg g) {
        int n = b.size();
        int[] seeds = new int[3 * n];
        for (int k = 0; k < n; k++) {
            seeds[k] = b.users()[k];
            seeds[n + k] = g.itemNode[b.positives()[k]];
            seeds[2 * n + k] = g.itemNode[b.negatives()[k]];
        }
        return seeds;
    }

    /** Batches whose sampled size decides {@link Propagation#AUTO}. */
    static final int AUTO_PROBE_BATCHES = 4;
    /**
     * A kept edge's cost against a graph edge of a full-graph step, for {@link Propagation#AUTO}: a
     * sampled step gathers per-edge scalars, builds its sparse matrices and samples on the host, where a
     * full-graph step with kept attention reuses one sparse product per layer.
     */
    static final double SAMPLED_EDGE_COST = 3.0;

    /**
     * Whether this fit propagates over sampled neighbourhoods: as configured, or for {@code auto}
     * by {@link Propagation#sampled}, the sampled size measured on the first batches. Reported on standard
     * error; draws from its own seeded generator, so the choice leaves the training's random stream alone.
     */
    private boolean chooseSampled(Mmkg g, InteractionData data) {
        long graphEdges = g.graph.edges();
        java.util.Random probe = new java.util.Random(config.seed() * 31L + 7);
        BprSampler batches = new BprSampler(data, probe);
        long kept = 0;
        int probed = 0;
        for (BprSampler.Batch b : batches.epoch(config.batchSize())) {
            kept += neighbours.sample(seeds(b, g), config.layers(), config.fanOut(), probe).edgeTotal();
            if (++probed == AUTO_PROBE_BATCHES) {
                break;
            }
        }
        double perStep = probed == 0 ? 0 : (double) kept / probed;
        boolean choice = config.propagation().sampled(graphEdges, perStep, SAMPLED_EDGE_COST);
        System.err.println(config.propagation().report("mkgat", choice, config.fanOut(), perStep, graphEdges));
        return choice;
    }

    /** Whether the last fit propagated over sampled neighbourhoods. */
    public boolean sampledPropagation() {
        return sampled;
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
            NDArray hv;
            NDArray tv;
            NDArray nv;
            if (sampled) { // only the batch's rows: a step costs the batch, not the graph
                long[] nodes = new long[3 * size];
                for (int k = 0; k < size; k++) {
                    nodes[k] = h[k];
                    nodes[size + k] = t[k];
                    nodes[2 * size + k] = tn[k];
                }
                NDArray x = net.layer0Of(step, nodes, nodes.length);
                hv = x.get(new NDIndex("0:" + size));
                tv = x.get(new NDIndex(size + ":" + 2 * size));
                nv = x.get(new NDIndex(2 * size + ":"));
            } else {
                NDArray x = net.layer0(step);
                hv = x.get(step, new NDIndex("{}", step.create(h)));
                tv = x.get(step, new NDIndex("{}", step.create(t)));
                nv = x.get(step, new NDIndex("{}", step.create(tn)));
            }
            NDArray rv = net.params.get("relation").get(step, new NDIndex("{}", step.create(r)));
            NDArray pos = hv.add(rv).sub(tv).square().sum(new int[] {1});
            NDArray neg = hv.add(rv).sub(nv).square().sum(new int[] {1});
            NDArray reg = hv.square().sum().add(rv.square().sum()).add(tv.square().sum()).add(nv.square().sum())
                    .mul(config.l2() / size);
            return Activation.softPlus(pos.sub(neg)).mean().add(reg);
        }, sampled ? net.free::update : null, "entity", "relation", "modality.");
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

    /**
     * For tests: the exact full pass's rows of {@code seeds}, then the sampled pass's (exact, then
     * light) with {@code fanOut}, then the whole light pass flattened.
     */
    float[][] fullThenSampled(TrainContext context, int[] seeds, int fanOut) {
        try (NDManager scope = context.scope()) {
            NDArray full = net.represent(scope);
            NeighbourSampler.Blocks blocks = neighbours.sample(seeds, config.layers(), fanOut, new java.util.Random(1));
            NDIndex rows = new NDIndex("{}", scope.create(blocks.seedIndex()));
            float[] exact = net.representSampled(scope, blocks, true).get(scope, rows).toFloatArray();
            net.free.discard();
            float[] light = net.representSampled(scope, blocks, false).get(scope, rows).toFloatArray();
            net.free.discard();
            return new float[][] {
                full.get(scope, new NDIndex("{}", scope.create(seeds))).toFloatArray(), exact, light,
                full.toFloatArray(), net.representLight(scope).toFloatArray()};
        }
    }

    /** The largest in-degree of the last fit's graph (tests). */
    int maxInDegree() {
        return neighbours.maxInDegree();
    }

    /** The KG part's loss per epoch (the rec part's is {@link #lossCurve()}). */
    public List<Double> kgLossCurve() {
        return List.copyOf(kgLosses);
    }
}
