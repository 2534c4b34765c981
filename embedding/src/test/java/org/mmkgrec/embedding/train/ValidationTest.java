package org.mmkgrec.embedding.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValidationTest {
    @Test
    void hanleyMcNeilStandardErrorOfAnAuc() {
        // Hanley and McNeil (1982), table 1: AUC 0.8 with 50 positive and 50 negative cases, SE about 0.044
        assertThat(Validation.hanleyMcNeil(0.8, 50, 50)).isCloseTo(0.0445, within(0.0005));
        // more pairs, less noise; a perfect ranking has none
        assertThat(Validation.hanleyMcNeil(0.8, 5000, 5000)).isLessThan(Validation.hanleyMcNeil(0.8, 50, 50) / 5);
        assertThat(Validation.hanleyMcNeil(1.0, 50, 50)).isZero();
    }
}
