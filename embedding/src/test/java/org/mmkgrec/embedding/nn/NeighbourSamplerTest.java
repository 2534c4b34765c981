package org.mmkgrec.embedding.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighbourSamplerTest {
    /** A hub (node 0) entered from nodes 1..40, a chain 41 -> 42 -> 43, and 0 -> 41. */
    static EdgeGraph graph() {
        int edges = 40 + 3;
        long[] s = new long[edges];
        long[] t = new long[edges];
        long[] r = new long[edges];
        for (int k = 0; k < 40; k++) {
            s[k] = k + 1;
            t[k] = 0;
        }
        s[40] = 41;
        t[40] = 42;
        s[41] = 42;
        t[41] = 43;
        s[42] = 0;
        t[42] = 41;
        return new EdgeGraph(44, s, t, r);
    }

    @Test
    void everyNodeKeepsAtMostTheFanOutAndAllItsEdgesWhenItHasNoMore() {
        NeighbourSampler sampler = new NeighbourSampler(graph());
        assertThat(sampler.maxInDegree()).isEqualTo(40);
        NeighbourSampler.Blocks b = sampler.sample(new int[] {43, 0}, 3, 5, new Random(1));
        Map<Long, Integer> kept = new HashMap<>();
        Set<Long> keptEdges = new HashSet<>();
        for (int e = 0; e < b.edgeTotal(); e++) {
            kept.merge(b.nodes()[(int) b.target()[e]], 1, Integer::sum);
            assertThat(keptEdges.add(b.edge()[e])).as("an edge is kept once").isTrue();
            EdgeGraph g = sampler.graph();
            // local indices name the edge's own endpoints
            assertThat(b.nodes()[(int) b.source()[e]]).isEqualTo(g.source()[(int) b.edge()[e]]);
            assertThat(b.nodes()[(int) b.target()[e]]).isEqualTo(g.target()[(int) b.edge()[e]]);
        }
        assertThat(kept.get(0L)).isEqualTo(5); // the hub: 5 of its 40
        assertThat(kept.get(43L)).isEqualTo(1); // a node with fewer keeps them all
        assertThat(kept.get(42L)).isEqualTo(1);
        assertThat(b.seedIndex()).containsExactly(0, 1);
    }

    @Test
    void hopsArePrefixesOfTheLocalNumbering() {
        NeighbourSampler.Blocks b = new NeighbourSampler(graph()).sample(new int[] {43, 43}, 3, 4, new Random(2));
        assertThat(b.nodes(0)).isEqualTo(1); // a repeated seed is one node
        assertThat(b.seedIndex()).containsExactly(0, 0);
        // 43 <- 42 <- 41 <- 0: one new node per hop
        assertThat(b.nodes()).startsWith(43L, 42L, 41L, 0L);
        assertThat(new int[] {b.nodes(1), b.nodes(2), b.nodes(3)}).containsExactly(2, 3, 4);
        for (int hop = 0; hop < 3; hop++) {
            for (int e = 0; e < b.edges(hop); e++) {
                assertThat(b.target()[e]).isLessThan(b.nodes(hop));
                assertThat(b.source()[e]).isLessThan(b.nodes(hop + 1));
            }
        }
        // the hub is reached at the last hop, whose nodes are not expanded
        assertThat(b.edgeTotal()).isEqualTo(3);
    }

    @Test
    void theSeedFixesTheSampleAndAnotherSeedChangesIt() {
        NeighbourSampler sampler = new NeighbourSampler(graph());
        int[] seeds = {0};
        assertThat(sampler.sample(seeds, 1, 5, new Random(7)).edge())
                .containsExactly(sampler.sample(seeds, 1, 5, new Random(7)).edge());
        assertThat(sampler.sample(seeds, 1, 5, new Random(7)).edge())
                .isNotEqualTo(sampler.sample(seeds, 1, 5, new Random(8)).edge());
        // over many draws every entering edge of the hub is drawn (uniform, not the first few)
        Set<Long> seen = new HashSet<>();
        Random random = new Random(3);
        for (int k = 0; k < 200; k++) {
            for (long e : sampler.sample(seeds, 1, 5, random).edge()) {
                seen.add(e);
            }
        }
        assertThat(seen).hasSize(40);
    }

    @Test
    void refusesSeedsOutsideTheGraph() {
        assertThatThrownBy(() -> new NeighbourSampler(graph()).sample(new int[] {44}, 1, 5, new Random(1)))
                .hasMessageContaining("seed 44");
    }
}
