package org.mmkgrec.service.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;

/**
 * What one request may cost, so no client can hold the service with a few requests
 * ({@link LimitsConfig}, checked at start):
 * <ol>
 *   <li>explanation work: {@code k * paths * hops} at most {@code mmkg.api.limits.explain-budget},
 *       refused with 400 naming the parameters ({@link #checkExplainBudget});</li>
 *   <li>concurrency: each route named by {@link RouteConcurrency} has its own permits, taken by
 *       {@link RouteConcurrencyFilter}; a request that finds none free is answered 503 with
 *       {@code Retry-After} at once ({@link #overloaded}) instead of waiting in a queue.</li>
 * </ol>
 * Reads are also bounded in time by {@code mmkg.store.transaction-timeout} (the store's own timeout).
 */
@Startup
@ApplicationScoped
public class RequestLimits {
    /** The routes' {@link RouteConcurrency} names: the keys of {@code mmkg.api.limits.concurrent-per-route}. */
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String EXPLANATIONS = "explanations";
    public static final String SIMILAR = "similar";
    public static final String ITEMS = "items";
    public static final String USERS = "users";
    public static final String INTERACTIONS = "interactions";
    /** {@code GET /api/v1/items/{itemId}/tags}. */
    public static final String ITEM_TAGS = "item-tags";
    /** {@code POST /api/v1/tags}. */
    public static final String TAGS = "tags";
    static final Set<String> ROUTES = Set.of(RECOMMENDATIONS, EXPLANATIONS, SIMILAR, ITEMS, USERS, INTERACTIONS,
            ITEM_TAGS, TAGS);

    private final int explainBudget;
    private final long retryAfterSeconds;
    private final Map<String, Semaphore> permits = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final MeterRegistry registry;

    @Inject
    public RequestLimits(LimitsConfig config, MeterRegistry registry) {
        this(config.explainBudget(), config.concurrent(), config.concurrentPerRoute(), config.retryAfter(), registry);
    }

    /** The settings of {@link LimitsConfig}, checked here. */
    public RequestLimits(int explainBudget, int concurrent, Map<String, Integer> concurrentPerRoute, Duration retryAfter,
            MeterRegistry registry) {
        this.registry = registry;
        this.explainBudget = explainBudget;
        if (explainBudget < 1) {
            throw new IllegalArgumentException("`mmkg.api.limits.explain-budget` must be at least 1, was " + explainBudget);
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("`mmkg.api.limits.retry-after` must be >= 0, was " + retryAfter);
        }
        // Retry-After takes whole seconds: a fraction rounds up
        this.retryAfterSeconds = (retryAfter.toMillis() + 999) / 1000;
        for (String route : concurrentPerRoute.keySet()) {
            if (!ROUTES.contains(route)) {
                throw new IllegalArgumentException("`mmkg.api.limits.concurrent-per-route." + route
                        + "`: unknown route; valid: " + new TreeSet<>(ROUTES));
            }
        }
        for (String route : new TreeSet<>(ROUTES)) {
            int n = concurrentPerRoute.getOrDefault(route, concurrent);
            if (n < 1) {
                throw new IllegalArgumentException("`mmkg.api.limits." + (concurrentPerRoute.containsKey(route)
                        ? "concurrent-per-route." + route : "concurrent") + "` must be at least 1, was " + n);
            }
            permits.put(route, new Semaphore(n));
            sizes.put(route, n);
        }
    }

    /** The explanation budget, {@code mmkg.api.limits.explain-budget}. */
    public int explainBudget() {
        return explainBudget;
    }

    /** Concurrent requests allowed on a route. */
    public int permits(String route) {
        return sizes.get(route);
    }

    /**
     * Refuses explanation work above the budget: {@code k} items (1 for a single pair's
     * explanation, then {@code fields} names paths and hops only) with {@code paths} paths of up to
     * {@code hops} hops each.
     */
    public void checkExplainBudget(String fields, int k, int paths, int hops) {
        long work = (long) k * paths * hops;
        if (work > explainBudget) {
            throw new BadRequestException(fields, "explanations ask for " + (k > 1 ? "`k` x " : "") + "`paths` x `hops` = "
                    + (k > 1 ? k + " x " : "") + paths + " x " + hops + " = " + work
                    + ", more than the budget of " + explainBudget + " (`mmkg.api.limits.explain-budget`); "
                    + "ask for fewer items, paths or hops" + (k > 1 ? ", or explain=false" : ""));
        }
    }

    /** Takes one of the route's permits if one is free; a caller that got one gives it back with {@link #leave}. */
    public boolean tryEnter(String route) {
        return semaphore(route).tryAcquire();
    }

    /** Gives back a permit taken by {@link #tryEnter}. */
    public void leave(String route) {
        semaphore(route).release();
    }

    /** The answer to a request that found no free permit: 503, {@code Retry-After}, the JSON error body. */
    public Response overloaded(String route) {
        registry.counter("mmkg.api.errors", "status", "503", "error", "overloaded").increment();
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .entity(new ApiError(503, "overloaded", null, "route `" + route + "` is answering " + sizes.get(route)
                        + " requests already (`mmkg.api.limits.concurrent`); retry after " + retryAfterSeconds + " s"))
                .build();
    }

    private Semaphore semaphore(String route) {
        Semaphore semaphore = permits.get(route);
        if (semaphore == null) {
            throw new IllegalStateException("@RouteConcurrency names an unknown route `" + route + "`");
        }
        return semaphore;
    }
}
