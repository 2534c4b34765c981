package org.mmkgrec.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits' arithmetic and configuration errors, without a service. */
class RequestLimitsTest {

    private static RequestLimits limits(int budget, int concurrent, Map<String, Integer> perRoute) {
        return new RequestLimits(budget, concurrent, perRoute, Duration.ofSeconds(1), new SimpleMeterRegistry());
    }

    @Test
    void theBudgetCountsItemsTimesPathsTimesHops() {
        RequestLimits limits = limits(1000, 32, Map.of());
        limits.checkExplainBudget("k,paths,hops", 100, 5, 2); // exactly 1000: allowed
        assertThatThrownBy(() -> limits.checkExplainBudget("k,paths,hops", 1000, 10, 3))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("k,paths,hops");
                    assertThat(e.getMessage()).contains("1000 x 10 x 3 = 30000", "`mmkg.api.limits.explain-budget`");
                });
        // one pair's explanation: paths and hops only
        RequestLimits small = limits(50, 32, Map.of());
        assertThatThrownBy(() -> small.checkExplainBudget("paths,hops", 1, 20, 3))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("paths,hops"));
    }

    @Test
    void permitsArePerRouteWithOverrides() {
        RequestLimits limits = limits(1000, 32, Map.of("recommendations", 4));
        assertThat(limits.permits("recommendations")).isEqualTo(4);
        assertThat(limits.permits("similar")).isEqualTo(32);
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> limits(0, 32, Map.of())).hasMessageContaining("`mmkg.api.limits.explain-budget`");
        assertThatThrownBy(() -> limits(1000, 0, Map.of())).hasMessageContaining("`mmkg.api.limits.concurrent`");
        assertThatThrownBy(() -> limits(1000, 32, Map.of("recommendations", 0)))
                .hasMessageContaining("`mmkg.api.limits.concurrent-per-route.recommendations`");
        assertThatThrownBy(() -> limits(1000, 32, Map.of("recommendation", 4)))
                .hasMessageContaining("unknown route").hasMessageContaining("recommendations");
    }
}
