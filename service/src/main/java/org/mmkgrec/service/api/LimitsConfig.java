package org.mmkgrec.service.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code mmkg.api.limits.*} keys: what one request may cost and how many may run at once. Each
 * is documented with its default in application.properties; {@link RequestLimits} checks them at start.
 */
@ConfigMapping(prefix = "mmkg.api.limits")
public interface LimitsConfig {
    /**
     * Explanation work one request may ask for, counted as items x paths per item x hops per path
     * ({@code k * paths * hops}) when explanations are on (default 1000: e.g. k=100 with 5 paths of 2
     * hops, or k=30 with 10 paths of 3 hops; the default request, k=10 with 3 paths of 2 hops, is 60).
     */
    @WithDefault("1000")
    int explainBudget();

    /** Requests of one route in the service at once (running or waiting for a worker thread; default 32). */
    @WithDefault("32")
    int concurrent();

    /** Per-route overrides of {@link #concurrent()}, by the route's {@link RouteConcurrency} name. */
    Map<String, Integer> concurrentPerRoute();

    /** What a refused request's {@code Retry-After} header says, in whole seconds (default 1s). */
    @WithDefault("1s")
    Duration retryAfter();
}
