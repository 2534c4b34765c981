package org.mmkgrec.embedding.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** DPC-KNN on hand-made point sets: the expected centres, densities, distances and assignment. */
class DpcKnnTest {

    @Test
    void twoBlobsGiveTheirMiddlePointsAsCentresAndEveryPointItsOwnBlob() {
        // blob A: a middle point and four around it at 0.5; blob B the same around (5, 5), its middle first
        // (halves: exact in floating point, so the two middles tie exactly)
        float[][] p = {
            {0, 0}, {0.5f, 0}, {-0.5f, 0}, {0, 0.5f}, {0, -0.5f},
            {5, 5}, {5.5f, 5}, {4.5f, 5}, {5, 5.5f}, {5, 4.5f},
        };
        DpcKnn.Result r = DpcKnn.cluster(p, 2, 2);
        // the middles have the smallest neighbour distances (0.5, 0.5) and so the highest density;
        // (0.5, 0)'s two nearest are at 0.5 and sqrt(0.5)
        assertThat(r.density()[0]).isCloseTo(Math.exp(-0.25), within(1e-12));
        assertThat(r.density()[1]).isCloseTo(Math.exp(-0.375), within(1e-12));
        assertThat(r.density()[0]).isGreaterThan(r.density()[1]);
        // the middles tie on density: 0 (lower index) counts as denser, so 5's nearest denser point is 0
        assertThat(r.delta()[5]).isCloseTo(Math.sqrt(50), within(1e-9));
        // 0 is the densest: its delta is its largest distance (to (5.5, 5) or (5, 5.5))
        assertThat(r.delta()[0]).isCloseTo(Math.hypot(5.5, 5), within(1e-9));
        assertThat(r.delta()[1]).isCloseTo(0.5, within(1e-9));
        assertThat(r.centres()).containsExactly(0, 5);
        assertThat(r.assignment()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        // one centre: everything in one cluster, the densest point first
        DpcKnn.Result one = DpcKnn.cluster(p, 2, 1);
        assertThat(one.centres()).containsExactly(0);
        assertThat(one.assignment()).containsOnly(0);
    }

    @Test
    void badArgumentsNameWhatIsWrong() {
        float[][] p = {{0, 0}, {1, 1}, {2, 2}};
        assertThatThrownBy(() -> DpcKnn.cluster(p, 3, 1)).hasMessageContaining("`k` must be in 1..2");
        assertThatThrownBy(() -> DpcKnn.cluster(p, 1, 4)).hasMessageContaining("`m` (centres)");
        assertThatThrownBy(() -> DpcKnn.cluster(new float[][] {{0, 0}, {1}}, 1, 1)).hasMessageContaining("point 1 has 1 values");
        assertThatThrownBy(() -> DpcKnn.cluster(new float[0][], 1, 1)).hasMessageContaining("no points");
    }
}
