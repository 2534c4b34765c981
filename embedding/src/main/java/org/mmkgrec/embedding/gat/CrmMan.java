package org.mmkgrec.embedding.gat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.embedding.data.BprSampler;
import org.mmkgrec.embedding.data.ContentFeatures;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.EdgeGraph;
import org.mmkgrec.embedding.nn.GatLayer;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.nn.NeighbourSampler;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.Propagation;
import org.mmkgrec.embedding.nn.SetAttention;
import org.mmkgrec.embedding.nn.SparseRows;
import org.mmkgrec.embedding.nn.Tensors;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * CRM-MAN on DJL: click prediction from a multi-attention network over the item co-entity graph.
 *
 * <ul>
 *   <li>Item vector {@code c = [T x_text ; s]}: the item's text content vector (MiniLM) projected by a
 *       learned {@code T}, beside its structural vector {@code s}, the output of a 2-layer multi-head
 *       GAT ({@link GatLayer}; hidden layer heads concatenated, ELU, output heads averaged) over the
 *       co-entity graph with self loops. The GAT's input node vectors are trainable and initialised
 *       with GDS FastRP on the co-entity graph (weighted by shared entities) where the paper uses
 *       SDNE: both preserve first- and second-order proximity of the graph.</li>
 *   <li>User views: {@code u_prefer} = multi-head self-attention ({@link SetAttention}) over the item
 *       vectors of the items the user liked, pooled; {@code u_dislike} the same, with its own
 *       weights, over the items the user disliked (Last.FM's negatives). During training the target
 *       item is masked out of the user's own history, so the model learns to predict an item from
 *       the others, as it must at serving time.</li>
 *   <li>Click score {@code w1 c.u_prefer + w2 c.u_dislike}, {@code w1, w2} learned, with {@code c} and
 *       both views at unit length, so the weights also act as the softmax's inverse temperature and
 *       scores stay bounded (unnormalised, training diverged after ~35 epochs on Last.FM).</li>
 *   <li>Loss: the sampled-negative softmax (default; {@code bpr} and {@code bce} selectable), Adam, seeded,
 *       through the shared {@link org.mmkgrec.embedding.train.Trainer}.</li>
 * </ul>
 * Vectors written back: user {@code [w1 u_prefer ; w2 u_dislike]}, item {@code [c ; c]}, so their dot
 * product is the click score.
 *
 * <p><b>Sampled propagation</b> ({@link Config#propagation()}, {@link Config#fanOut()}): on large
 * co-entity graphs a step runs the GAT over the sampled two-hop neighbourhood of the items it reads
 * only ({@link NeighbourSampler}), with the attention as fixed sparse weights except on the first step
 * of each epoch, and the GAT inputs in a row-sparse Adam table ({@link SparseRows}); the vectors
 * written come from a whole-graph pass. {@link Propagation#AUTO} decides per fit and prints its choice.
 */
public final class CrmMan extends TrainedModel {

    /**
     * @param textDim   size of the projected text vector
     * @param structDim size of the structural vector (GAT output) and of the FastRP input
     * @param heads     attention heads (GAT and self-attention)
     * @param history   at most this many items per user view in a training step (sampled when more)
     * @param negatives sampled negatives per positive
     * @param neighbours co-entity neighbours each item attends to: those sharing the most entities
     *                   (a KG with hub entities links most item pairs; ML-100K at S_m = 0 has 1.2M links)
     * @param propagation full graph, sampled neighbourhoods, or auto (see the class comment)
     * @param fanOut     co-entity neighbours kept per item and hop when sampling
     */
    public record Config(int textDim, int structDim, int heads, int history, int negatives, int neighbours, int epochs,
                         int batchSize, float learningRate, float l2, Losses.Kind loss, Propagation propagation, int fanOut,
                         int seed) {
        public Config {
            if (textDim < 1 || structDim < heads || heads < 1 || (textDim + structDim) % heads != 0 || history < 1
                    || negatives < 1 || neighbours < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || l2 < 0) {
                throw new IllegalArgumentException("CRM-MAN config: sizes >= 1, (textDim + structDim) a multiple of heads, "
                        + "learningRate > 0, l2 >= 0");
            }
            if (propagation == null || fanOut < 1) {
                throw new IllegalArgumentException("CRM-MAN config: propagation auto, full or sampled; fanOut >= 1");
            }
        }

        /** The same with another loss; null keeps this one. */
        public Config withLoss(Losses.Kind kind) {
            return kind == null ? this : new Config(textDim, structDim, heads, history, negatives, neighbours, epochs, batchSize, learningRate, l2,
                    kind, propagation, fanOut, seed);
        }

        public static Config defaults(int seed) {
            return new Config(32, 32, 2, 50, 8, 20, 60, 512, 0.0015f, 1e-5f, Losses.Kind.SOFTMAX, Propagation.AUTO, 10, seed);
        }
    }

    private final GraphDatabaseService db;
    private final Config config;
    private int coEntityEdges;
    private int attentionEdges;
    private InteractionData data;
    private BprSampler sampler;
    private Net net;
    private NeighbourSampler neighbours;
    private boolean sampled;

    public CrmMan(GraphDatabaseService db, Config config) {
        this(db, config, null);
    }

    public CrmMan(GraphDatabaseService db, Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.config = config;
    }

    @Override
    public String name() {
        return "crm-man";
    }

    /** Co-entity links (counted once per item pair) in the graph at the last fit. */
    public int coEntityEdges() {
        return coEntityEdges;
    }

    /** Neighbour-to-item edges the GAT attended over at the last fit (without self loops). */
    public int attentionEdges() {
        return attentionEdges;
    }

    /** The network: parameters and layers of one fit. */
    private final class Net {
        final Params params;
        final NDArray text;
        final GatLayer gat1;
        final GatLayer gat2;
        final SetAttention prefer;
        final SetAttention dislike;
        final EdgeGraph.Bound graph;
        /** The GAT's input vectors when propagation is sampled (row-sparse Adam); else the parameter {@code struct}. */
        final SparseRows struct;

        Net(TrainContext context, float[][] textFeatures, float[][] structural, EdgeGraph coEntity, boolean sampled) {
            int ni = structural.length;
            NDManager manager = context.manager();
            params = context.params();
            int f = textFeatures[0].length;
            text = context.constant(manager.create(flatten(textFeatures), new Shape(ni, f)));
            params.xavier("text", f, config.textDim());
            if (sampled) {
                struct = SparseRows.of(flatten(structural), config.structDim(), config.learningRate());
            } else {
                struct = null;
                params.of("struct", flatten(structural), ni, config.structDim());
            }
            int hidden = config.structDim() / config.heads();
            gat1 = new GatLayer(params, "gat1", config.structDim(), hidden, config.heads(), true);
            gat2 = new GatLayer(params, "gat2", gat1.outputSize(), config.structDim(), config.heads(), false);
            int d = config.textDim() + config.structDim();
            prefer = new SetAttention(params, "prefer", d, config.heads());
            dislike = new SetAttention(params, "dislike", d, config.heads());
            params.of("w", new float[] {5f, -1f}, 2);
            graph = coEntity.bind(manager);
            context.constant(graph.incidence());
        }

        /** {@code (items, textDim + structDim)}. */
        NDArray items(NDManager scope) {
            NDArray t = text.matMul(params.get("text"));
            NDArray input = struct != null ? struct.all(scope) : params.get("struct");
            NDArray s = Activation.elu(gat1.forward(scope, input, graph), 1f);
            s = gat2.forward(scope, s, graph);
            return unit(Tensors.concat(new NDList(t, s), 1));
        }

        /**
         * The vectors of a sampled batch's items, {@code (seeds, textDim + structDim)} in the blocks'
         * local order, then the L2 penalty of the GAT inputs it read: the same two GAT layers over the
         * sampled co-entity edges (each node also attends to itself), the first layer for the items
         * within one hop, the second for the seeds. {@code exact}: see {@link GatLayer#forward(NDManager,
         * NDArray, EdgeGraph.Bound, boolean)}.
         */
        NDList itemsSampled(NDManager scope, NeighbourSampler.Blocks b, boolean exact) {
            int n0 = b.nodes(0);
            int n1 = b.nodes(1);
            int n2 = b.nodes(2);
            NDArray x = struct.rows(scope, Arrays.copyOf(b.nodes(), n2));
            EdgeGraph.Bound first = EdgeGraph.of(n2, Arrays.copyOf(b.source(), b.edges(1)),
                    Arrays.copyOf(b.target(), b.edges(1)), true).bind(scope);
            NDArray s = Activation.elu(gat1.forward(scope, x, first, exact), 1f).get(new NDIndex("0:" + n1));
            EdgeGraph.Bound second = EdgeGraph.of(n1, Arrays.copyOf(b.source(), b.edges(0)),
                    Arrays.copyOf(b.target(), b.edges(0)), true).bind(scope);
            s = gat2.forward(scope, s, second, exact).get(new NDIndex("0:" + n0));
            NDArray t = text.get(scope, new NDIndex("{}", scope.create(Arrays.copyOf(b.nodes(), n0)))).matMul(params.get("text"));
            return new NDList(unit(Tensors.concat(new NDList(t, s), 1)), x.square().sum().mul(config.l2()));
        }

        /** The unit-length pooled view of each set of rows of {@code items}. */
        NDArray view(NDManager scope, SetAttention attention, NDArray items, int[][] sets) {
            return unit(attention.forward(scope, items, sets));
        }
    }

    /** Rows at unit length (a zero row stays zero). */
    private static NDArray unit(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-12f));
    }

    @Override
    public Schedule schedule() {
        return new Schedule(config.epochs(), config.learningRate(), config.seed());
    }

    @Override
    public void build(TrainContext context, InteractionData training) {
        this.data = training;
        int ni = training.itemCount();
        float[][] textFeatures = ContentFeatures.byModality(db, training).getOrDefault("text", new float[ni][1]);
        EdgeGraph coEntity = coEntityGraph(training);
        float[][] structural = structuralInit(training);
        neighbours = new NeighbourSampler(coEntity);
        sampled = chooseSampled(coEntity);
        sampler = new BprSampler(training, context.random());
        net = new Net(context, textFeatures, structural,
                EdgeGraph.of(ni, coEntity.source(), coEntity.target(), true), sampled);
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        double sum = 0;
        int steps = 0;
        for (BprSampler.Batch b : sampler.epoch(config.batchSize())) {
            int[] negatives = sampler.negatives(b.users(), config.negatives());
            sum += sampled ? sampledStep(context, b, negatives, steps == 0) : step(context, b, negatives);
            steps++;
        }
        return sum / Math.max(1, steps);
    }

    private double step(TrainContext context, BprSampler.Batch batch, int[] negatives) {
        Random random = context.random();
        int b = batch.size();
        int[][] liked = new int[b][];
        int[][] disliked = new int[b][];
        for (int r = 0; r < b; r++) {
            int u = batch.users()[r];
            liked[r] = sample(data.trainPositives[u], batch.positives()[r], config.history(), random);
            disliked[r] = sample(data.trainNegatives[u], -1, config.history(), random);
        }
        int[][] groups = lengthGroups(liked, disliked);
        return context.step(step -> {
            NDArray items = net.items(step);
            NDArray reg = net.params.get("struct").square().sum().mul(config.l2());
            return loss(step, items, liked, disliked, batch.positives(), negatives, groups).add(reg);
        });
    }

    /**
     * Upper bounds of the history lengths that share a padded width in a step ({@link #lengthGroups}):
     * a view pads each set to the longest in its group and its attention costs the square of that
     * width, so one width of {@code history} for every row (at 10x Last.FM the row-weighted mean
     * length is ~18 of 50) spent most of a step's view time on padding.
     */
    static final int[] GROUP_WIDTHS = {8, 16, 32};

    /**
     * The rows of a step in groups of like history length (the longer of each row's two sets): rows up
     * to {@link #GROUP_WIDTHS}{@code [0]}, then up to the next bound, the rest last; empty groups left out.
     */
    static int[][] lengthGroups(int[][] liked, int[][] disliked) {
        IntArrayList[] groups = new IntArrayList[GROUP_WIDTHS.length + 1];
        for (int r = 0; r < liked.length; r++) {
            int length = Math.max(liked[r].length, disliked[r].length);
            int g = 0;
            while (g < GROUP_WIDTHS.length && length > GROUP_WIDTHS[g]) {
                g++;
            }
            (groups[g] == null ? (groups[g] = new IntArrayList()) : groups[g]).add(r);
        }
        return Arrays.stream(groups).filter(g -> g != null).map(IntArrayList::toArray).toArray(int[][]::new);
    }

    /**
     * The step's loss over {@code vectors} (unit item vectors, rows named by the sets, {@code pos} and
     * {@code neg}, the latter {@code negatives} per row): each group of rows ({@link #lengthGroups}) gets
     * its own views and loss, weighted by its share of the rows, which sums to the loss's mean over
     * all rows. Nothing is concatenated or reordered, so each group's gradient flows back through its
     * own gathers.
     */
    private NDArray loss(NDManager step, NDArray vectors, int[][] liked, int[][] disliked, int[] pos, int[] neg,
                         int[][] groups) {
        int b = liked.length;
        int n = config.negatives();
        NDArray w = net.params.get("w");
        NDArray total = null;
        for (int[] rows : groups) {
            int[][] l = new int[rows.length][];
            int[][] d = new int[rows.length][];
            int[] p = new int[rows.length];
            int[] q = new int[rows.length * n];
            for (int k = 0; k < rows.length; k++) {
                int r = rows[k];
                l[k] = liked[r];
                d[k] = disliked[r];
                p[k] = pos[r];
                System.arraycopy(neg, r * n, q, k * n, n);
            }
            NDArray prefer = net.view(step, net.prefer, vectors, l);
            NDArray dislike = net.view(step, net.dislike, vectors, d);
            NDArray pv = vectors.get(step, new NDIndex("{}", step.create(p)));
            NDArray nv = vectors.get(step, new NDIndex("{}", step.create(q))).reshape(rows.length, n, -1);
            NDArray posScore = pv.mul(prefer).sum(new int[] {1}).mul(w.get(0))
                    .add(pv.mul(dislike).sum(new int[] {1}).mul(w.get(1)));
            NDArray negScore = nv.mul(prefer.expandDims(1)).sum(new int[] {2}).mul(w.get(0))
                    .add(nv.mul(dislike.expandDims(1)).sum(new int[] {2}).mul(w.get(1)));
            NDArray part = Losses.of(config.loss(), posScore, negScore).mul((float) rows.length / b);
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /**
     * For tests: the loss and the gradient of the item vectors, once with the rows grouped by length
     * ({@link #lengthGroups}) and once as one group padded to the longest set.
     */
    float[][] groupedThenPadded(TrainContext context, int[][] liked, int[][] disliked, int[] pos, int[] neg) {
        float[][] out = new float[4][];
        int[][][] groupings = {lengthGroups(liked, disliked), {java.util.stream.IntStream.range(0, liked.length).toArray()}};
        try (NDManager scope = context.scope()) {
            NDArray full = net.items(scope);
            for (int g = 0; g < 2; g++) {
                NDArray items = full.duplicate(); // a leaf of its own
                items.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = loss(scope, items, liked, disliked, pos, neg, groupings[g]);
                    gc.backward(loss);
                    out[2 * g] = new float[] {loss.getFloat()};
                    out[2 * g + 1] = items.getGradient().toFloatArray();
                }
            }
        }
        return out;
    }

    /** A step's item sets: each user's sampled liked and disliked items, then every item the step reads. */
    private record StepItems(int[][] liked, int[][] disliked, int[] seeds) {}

    private StepItems stepItems(BprSampler.Batch batch, int[] negatives, Random random) {
        int b = batch.size();
        int[][] liked = new int[b][];
        int[][] disliked = new int[b][];
        int total = batch.size() + negatives.length;
        for (int r = 0; r < b; r++) {
            int u = batch.users()[r];
            liked[r] = sample(data.trainPositives[u], batch.positives()[r], config.history(), random);
            disliked[r] = sample(data.trainNegatives[u], -1, config.history(), random);
            total += liked[r].length + disliked[r].length;
        }
        int[] seeds = new int[total];
        int at = 0;
        for (int[][] sets : new int[][][] {liked, disliked}) {
            for (int[] set : sets) {
                System.arraycopy(set, 0, seeds, at, set.length);
                at += set.length;
            }
        }
        System.arraycopy(batch.positives(), 0, seeds, at, b);
        System.arraycopy(negatives, 0, seeds, at + b, negatives.length);
        return new StepItems(liked, disliked, seeds);
    }

    /**
     * A step over the sampled co-entity neighbourhood of the items it reads (liked and disliked
     * histories, positives, negatives); {@code exact} steps also train the GAT's attention vectors.
     */
    private double sampledStep(TrainContext context, BprSampler.Batch batch, int[] negatives, boolean exact) {
        int b = batch.size();
        StepItems items = stepItems(batch, negatives, context.random());
        NeighbourSampler.Blocks blocks = neighbours.sample(items.seeds(), 2, config.fanOut(), context.random());
        int[] local = blocks.seedIndex();
        int[] at = {0};
        int[][] liked = relabel(items.liked(), local, at);
        int[][] disliked = relabel(items.disliked(), local, at);
        int[] pos = Arrays.copyOfRange(local, at[0], at[0] + b);
        int[] neg = Arrays.copyOfRange(local, at[0] + b, at[0] + b + negatives.length);
        int[][] groups = lengthGroups(liked, disliked);
        return context.step(step -> {
            NDList sampledItems = net.itemsSampled(step, blocks, exact);
            return loss(step, sampledItems.get(0), liked, disliked, pos, neg, groups).add(sampledItems.get(1));
        }, net.struct::update, exact ? new String[0] : FIXED_ATTENTION_TRAINS);
    }

    /**
     * What a step with fixed attention trains: everything but the GAT's attention vectors, which get
     * no gradient there (left out, Adam would move them on momentum alone).
     */
    private static final String[] FIXED_ATTENTION_TRAINS = {"text", "gat1.w", "gat2.w", "prefer.", "dislike.", "w"};

    /** The sets with each item replaced by its local index, read in order from {@code local[at[0]..]}. */
    private static int[][] relabel(int[][] sets, int[] local, int[] at) {
        int[][] out = new int[sets.length][];
        for (int r = 0; r < sets.length; r++) {
            out[r] = Arrays.copyOfRange(local, at[0], at[0] + sets[r].length);
            at[0] += sets[r].length;
        }
        return out;
    }

    /** Batches whose sampled size decides {@link Propagation#AUTO}. */
    static final int AUTO_PROBE_BATCHES = 4;
    /**
     * A kept edge's cost against a graph edge of a full-graph step, for {@link Propagation#AUTO}: a
     * full-graph step builds a tensor per edge and dimension for every GAT layer, a sampled one (its
     * attention fixed as sparse weights) does not, so a kept edge costs no more.
     */
    static final double SAMPLED_EDGE_COST = 1.0;

    /**
     * Whether this fit samples: as configured, or for {@code auto} by {@link Propagation#sampled}
     * from the sampled size of the first batches (drawn from their own seeded generator). Printed.
     */
    private boolean chooseSampled(EdgeGraph coEntity) {
        long graphEdges = coEntity.edges() + coEntity.nodes(); // with the self loops
        Random probe = new Random(config.seed() * 31L + 11);
        BprSampler batches = new BprSampler(data, probe);
        long kept = 0;
        int probed = 0;
        for (BprSampler.Batch b : batches.epoch(config.batchSize())) {
            StepItems items = stepItems(b, batches.negatives(b.users(), config.negatives()), probe);
            NeighbourSampler.Blocks blocks = neighbours.sample(items.seeds(), 2, config.fanOut(), probe);
            kept += blocks.edgeTotal() + blocks.nodes(1) + blocks.nodes(0);
            if (++probed == AUTO_PROBE_BATCHES) {
                break;
            }
        }
        double perStep = probed == 0 ? 0 : (double) kept / probed;
        boolean choice = config.propagation().sampled(graphEdges, perStep, SAMPLED_EDGE_COST);
        System.err.println(config.propagation().report("crm-man", choice, config.fanOut(), perStep, graphEdges));
        return choice;
    }

    /** Whether the last fit propagated over sampled neighbourhoods. */
    public boolean sampledPropagation() {
        return sampled;
    }

    /** Users {@code [w1 u_prefer ; w2 u_dislike]} over all their training items, items {@code [c ; c]}. */
    @Override
    public Snapshot snapshot(TrainContext context) {
        int nu = data.userCount();
        int ni = data.itemCount();
        try (NDManager scope = context.scope()) {
            NDArray items = net.items(scope);
            int d = (int) items.getShape().get(1);
            float[] flat = items.toFloatArray();
            float[] w = net.params.get("w").toFloatArray();
            float[][] itemVectors = new float[ni][2 * d];
            for (int i = 0; i < ni; i++) {
                System.arraycopy(flat, i * d, itemVectors[i], 0, d);
                System.arraycopy(flat, i * d, itemVectors[i], d, d);
            }
            float[][] userVectors = new float[nu][2 * d];
            // users in order of history length, so a chunk's sets (padded to its longest) are alike
            Integer[] order = new Integer[nu];
            for (int u = 0; u < nu; u++) {
                order[u] = u;
            }
            Arrays.sort(order, Comparator.comparingInt(
                    (Integer u) -> Math.max(data.trainPositives[u].length, data.trainNegatives[u].length)));
            int chunk = 16;
            for (int from = 0; from < nu; from += chunk) {
                int size = Math.min(chunk, nu - from);
                int[][] liked = new int[size][];
                int[][] disliked = new int[size][];
                for (int r = 0; r < size; r++) {
                    liked[r] = data.trainPositives[order[from + r]];
                    disliked[r] = data.trainNegatives[order[from + r]];
                }
                try (NDManager users = scope.newSubManager()) {
                    float[] p = net.view(users, net.prefer, items, liked).toFloatArray();
                    float[] q = net.view(users, net.dislike, items, disliked).toFloatArray();
                    for (int r = 0; r < size; r++) {
                        int u = order[from + r];
                        for (int k = 0; k < d; k++) {
                            userVectors[u][k] = w[0] * p[r * d + k];
                            userVectors[u][d + k] = w[1] * q[r * d + k];
                        }
                    }
                }
            }
            return new Snapshot(userVectors, itemVectors);
        }
    }

    /**
     * For tests: the full pass's item vectors at {@code seeds}, then the sampled pass's (exact, then
     * with fixed attention) with {@code fanOut}.
     */
    float[][] fullThenSampled(TrainContext context, int[] seeds, int fanOut) {
        try (NDManager scope = context.scope()) {
            NDArray full = net.items(scope);
            NeighbourSampler.Blocks blocks = neighbours.sample(seeds, 2, fanOut, new Random(1));
            NDIndex rows = new NDIndex("{}", scope.create(blocks.seedIndex()));
            float[] exact = net.itemsSampled(scope, blocks, true).get(0).get(scope, rows).toFloatArray();
            net.struct.discard();
            float[] light = net.itemsSampled(scope, blocks, false).get(0).get(scope, rows).toFloatArray();
            net.struct.discard();
            return new float[][] {full.get(scope, new NDIndex("{}", scope.create(seeds))).toFloatArray(), exact, light};
        }
    }

    /** The user's items without {@code exclude}, at most {@code max} of them (a random subset when more). */
    static int[] sample(int[] items, int exclude, int max, Random random) {
        int[] pool = new int[items.length];
        int n = 0;
        for (int i : items) {
            if (i != exclude) {
                pool[n++] = i;
            }
        }
        for (int k = 0; k < Math.min(n, max); k++) {
            int r = k + random.nextInt(n - k);
            int t = pool[k];
            pool[k] = pool[r];
            pool[r] = t;
        }
        return java.util.Arrays.copyOf(pool, Math.min(n, max));
    }

    /**
     * The co-entity graph, read undirected, as attention edges {@code neighbour -> item}: for each item the
     * {@code neighbours} linked items sharing the most entities (ties: lower index first); without the
     * self loops, which the GAT's graphs add (the sampler draws neighbours only).
     */
    private EdgeGraph coEntityGraph(InteractionData data) {
        int ni = data.itemCount();
        IntArrayList[] entering = new IntArrayList[ni]; // per target: source, shared, source, shared, ...
        db.executeTransactionally(CypherScripts.query("embedding/co-entity-edges"), Map.of(), rows -> {
            rows.forEachRemaining(r -> {
                Integer s = data.itemIndex((String) r.get("source"));
                Integer t = data.itemIndex((String) r.get("target"));
                if (s != null && t != null && !s.equals(t)) {
                    IntArrayList in = entering[t] == null ? (entering[t] = new IntArrayList(4)) : entering[t];
                    in.add(s);
                    in.add(((Number) r.get("shared")).intValue());
                }
            });
            return null;
        });
        LongArrayList source = new LongArrayList();
        LongArrayList target = new LongArrayList();
        long oriented = 0;
        for (int t = 0; t < ni; t++) {
            if (entering[t] == null) {
                continue;
            }
            // most shared entities first, ties by lower index; a pair stored in both directions comes
            // back twice per orientation, with the same key: counted and kept once
            long[] keys = new long[entering[t].size() / 2];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = ((long) (Integer.MAX_VALUE - entering[t].get(2 * k + 1)) << 32) | entering[t].get(2 * k);
            }
            entering[t] = null;
            Arrays.sort(keys);
            int kept = 0;
            for (int k = 0; k < keys.length; k++) {
                if (k > 0 && keys[k] == keys[k - 1]) {
                    continue;
                }
                oriented++;
                if (kept++ < config.neighbours()) {
                    source.add((int) keys[k]); // the low 32 bits
                    target.add(t);
                }
            }
        }
        coEntityEdges = (int) (oriented / 2);
        attentionEdges = source.size();
        return EdgeGraph.of(ni, source.toArray(), target.toArray(), false);
    }

    /** FastRP on the co-entity projection, rows L2-normalised; isolated items get a small random vector. */
    private float[][] structuralInit(InteractionData data) {
        int d = config.structDim();
        float[][] out = new float[data.itemCount()][];
        String graph = "mmkg-co-entity-" + System.nanoTime();
        db.executeTransactionally(CypherScripts.query("embedding/co-entity-project"), Map.of("graph", graph), r -> r.resultAsString());
        try {
            db.executeTransactionally(CypherScripts.query("embedding/co-entity-fastrp"),
                    Map.of("graph", graph, "dimension", (long) d, "seed", (long) config.seed()), rows -> {
                        rows.forEachRemaining(r -> {
                            Integer i = data.itemIndex((String) r.get("id"));
                            if (i != null) {
                                @SuppressWarnings("unchecked")
                                List<Number> e = (List<Number>) r.get("embedding");
                                float[] v = new float[d];
                                for (int k = 0; k < d; k++) {
                                    v[k] = e.get(k).floatValue();
                                }
                                out[i] = v;
                            }
                        });
                        return null;
                    });
        } finally {
            db.executeTransactionally("CALL gds.graph.drop($graph, false)", Map.of("graph", graph), r -> r.resultAsString());
        }
        Random random = new Random(config.seed() + 1L);
        for (int i = 0; i < out.length; i++) {
            double norm = 0;
            if (out[i] != null) {
                for (float x : out[i]) {
                    norm += x * x;
                }
            }
            if (norm == 0) {
                out[i] = new float[d];
                for (int k = 0; k < d; k++) {
                    out[i][k] = (float) (random.nextGaussian() * 0.1);
                }
            } else {
                for (int k = 0; k < d; k++) {
                    out[i][k] /= (float) Math.sqrt(norm);
                }
            }
        }
        return out;
    }

    private static float[] flatten(float[][] rows) {
        int f = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * f, f);
        }
        return out;
    }
}
