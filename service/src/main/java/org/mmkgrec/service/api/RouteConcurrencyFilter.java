package org.mmkgrec.service.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Holds one of its route's permits ({@link RequestLimits}) for every request to a method marked
 * {@link RouteConcurrency}, from before the method runs until the response is complete (sent, failed,
 * or the client went away), or answers 503 at once when none is free. Runs on the I/O thread, before
 * the request is handed to a worker thread, so a refused request never waits in the worker queue;
 * and after the API-key check ({@link ApiKeyFilter}, also non-blocking: Quarkus runs non-blocking
 * filters before all others), so a refused key costs no permit.
 */
public class RouteConcurrencyFilter {
    private final RequestLimits limits;

    public RouteConcurrencyFilter(RequestLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100, nonBlocking = true)
    public Optional<Response> takePermit(ResourceInfo resource, ServerRequestContext context) {
        RouteConcurrency route = resource.getResourceMethod().getAnnotation(RouteConcurrency.class);
        if (route == null) {
            return Optional.empty();
        }
        if (!limits.tryEnter(route.value())) {
            return Optional.of(limits.overloaded(route.value()));
        }
        AtomicBoolean released = new AtomicBoolean();
        context.registerCompletionCallback(failure -> {
            if (released.compareAndSet(false, true)) {
                limits.leave(route.value());
            }
        });
        return Optional.empty();
    }
}
