package org.mmkgrec.service.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the route a resource method belongs to for {@link RequestLimits}' concurrency bound: at most
 * {@code mmkg.api.limits.concurrent} requests of one route (or its own
 * {@code mmkg.api.limits.concurrent-per-route."name"}) are in the service at once; the next is
 * answered 503 with {@code Retry-After} instead of waiting in a queue.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RouteConcurrency {
    /** The route's name, as in the configuration keys (e.g. {@code recommendations}). */
    String value();
}
