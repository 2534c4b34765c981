package org.mmkgrec.embedding.nn;

import java.util.Arrays;
import java.util.Random;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * Fixed fan-out neighbour sampling over the entering edges of an {@link EdgeGraph} (GraphSAGE,
 * KGCN): the computation graph of a batch of seed nodes for a {@code hops}-layer model, so a
 * training step costs the edges its batch touches instead of the whole graph.
 *
 * <p>Each node reached keeps at most {@code fanOut} of its entering edges, drawn uniformly without
 * replacement (all of them when it has no more), once per sample: the same edges feed it in every
 * layer. Nodes are numbered locally in the order they are reached, so the nodes within {@code k}
 * hops of the seeds are a prefix of the local numbering, and the kept edges, listed in their target's
 * local order, put the edges entering those nodes in a prefix too: layer {@code l} of {@code L} reads
 * the first {@link Blocks#nodes(int) nodes(L - l + 1)} vectors and writes the first
 * {@code nodes(L - l)} over the first {@code edges(L - l)} edges. Not thread-safe: one sampler per
 * training loop.
 */
public final class NeighbourSampler {
    private final EdgeGraph graph;
    /** Entering edges of node {@code n}: {@code inEdges[inStart[n] .. inStart[n + 1])}. */
    private final int[] inStart;
    private final int[] inEdges;
    /** Local index of a node during one sample, -1 outside it (reset after each sample). */
    private final int[] local;

    public NeighbourSampler(EdgeGraph graph) {
        this.graph = graph;
        int n = graph.nodes();
        long[] target = graph.target();
        inStart = new int[n + 1];
        for (long t : target) {
            inStart[(int) t + 1]++;
        }
        for (int k = 0; k < n; k++) {
            inStart[k + 1] += inStart[k];
        }
        inEdges = new int[target.length];
        int[] fill = Arrays.copyOf(inStart, n);
        for (int e = 0; e < target.length; e++) {
            inEdges[fill[(int) target[e]]++] = e;
        }
        local = new int[n];
        Arrays.fill(local, -1);
    }

    public EdgeGraph graph() {
        return graph;
    }

    /** Entering edges of {@code node}. */
    public int inDegree(int node) {
        return inStart[node + 1] - inStart[node];
    }

    /** The largest in-degree in the graph: a fan-out at least this keeps every edge. */
    public int maxInDegree() {
        int max = 0;
        for (int n = 0; n < graph.nodes(); n++) {
            max = Math.max(max, inDegree(n));
        }
        return max;
    }

    /**
     * The computation graph of {@code seeds} (global node ids, repeats allowed) for a model of
     * {@code hops} layers, keeping at most {@code fanOut} entering edges per node reached.
     */
    public Blocks sample(int[] seeds, int hops, int fanOut, Random random) {
        if (hops < 1 || fanOut < 1) {
            throw new IllegalArgumentException("hops and fanOut must be >= 1, were " + hops + " and " + fanOut);
        }
        IntArrayList nodes = new IntArrayList(seeds.length * 4);
        IntArrayList edges = new IntArrayList(seeds.length * fanOut);
        int[] nodeCount = new int[hops + 1];
        int[] edgeCount = new int[hops];
        int[] picked = new int[fanOut];
        try {
            for (int s : seeds) {
                if (s < 0 || s >= graph.nodes()) {
                    throw new IllegalArgumentException("seed " + s + " is outside 0.." + (graph.nodes() - 1));
                }
                if (local[s] < 0) {
                    local[s] = nodes.size();
                    nodes.add(s);
                }
            }
            nodeCount[0] = nodes.size();
            int sampledUpTo = 0; // nodes whose entering edges are already kept
            for (int hop = 0; hop < hops; hop++) {
                int end = nodes.size();
                for (int k = sampledUpTo; k < end; k++) {
                    int n = nodes.get(k);
                    int from = inStart[n];
                    int degree = inStart[n + 1] - from;
                    int keep = Math.min(degree, fanOut);
                    if (degree <= fanOut) {
                        for (int j = 0; j < degree; j++) {
                            picked[j] = inEdges[from + j];
                        }
                    } else {
                        choose(from, degree, keep, picked, random);
                    }
                    for (int j = 0; j < keep; j++) {
                        int e = picked[j];
                        edges.add(e);
                        int source = (int) graph.source()[e];
                        if (local[source] < 0) {
                            local[source] = nodes.size();
                            nodes.add(source);
                        }
                    }
                }
                sampledUpTo = end;
                edgeCount[hop] = edges.size();
                nodeCount[hop + 1] = nodes.size();
            }
            int m = edges.size();
            long[] source = new long[m];
            long[] target = new long[m];
            long[] edgeIds = new long[m];
            for (int j = 0; j < m; j++) {
                int e = edges.get(j);
                edgeIds[j] = e;
                source[j] = local[(int) graph.source()[e]];
                target[j] = local[(int) graph.target()[e]];
            }
            long[] global = new long[nodes.size()];
            for (int k = 0; k < global.length; k++) {
                global[k] = nodes.get(k);
            }
            int[] seedIndex = new int[seeds.length];
            for (int k = 0; k < seeds.length; k++) {
                seedIndex[k] = local[seeds[k]];
            }
            return new Blocks(global, nodeCount, edgeCount, source, target, edgeIds, seedIndex);
        } finally {
            for (int k = 0; k < nodes.size(); k++) {
                local[nodes.get(k)] = -1;
            }
        }
    }

    /** {@code keep} distinct entering edges of a node with {@code degree > keep} of them (Floyd's algorithm). */
    private void choose(int from, int degree, int keep, int[] picked, Random random) {
        int n = 0;
        for (int j = degree - keep; j < degree; j++) {
            int r = random.nextInt(j + 1);
            int candidate = inEdges[from + r];
            for (int q = 0; q < n; q++) {
                if (picked[q] == candidate) {
                    candidate = inEdges[from + j];
                    break;
                }
            }
            picked[n++] = candidate;
        }
    }

    /**
     * A sampled computation graph. {@code nodes}: global ids in local order; {@code nodeCount[k]}: nodes
     * within {@code k} hops of the seeds (a prefix); {@code edgeCount[k]}: kept edges entering the
     * first {@code nodeCount[k]} nodes (a prefix of {@code source/target/edge}); {@code source} and
     * {@code target} are local indices, {@code edge} the global edge ids (for their relations);
     * {@code seedIndex[k]} is the local index of the {@code k}-th seed given.
     */
    public record Blocks(long[] nodes, int[] nodeCount, int[] edgeCount, long[] source, long[] target, long[] edge,
                         int[] seedIndex) {
        /** Nodes within {@code hops} hops of the seeds. */
        public int nodes(int hops) {
            return nodeCount[hops];
        }

        /** Kept edges entering the nodes within {@code hops} hops. */
        public int edges(int hops) {
            return edgeCount[hops];
        }

        /** Every kept edge. */
        public int edgeTotal() {
            return source.length;
        }
    }
}
