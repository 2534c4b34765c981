package org.mmkgrec.service.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recent answers per user, so a user who pages, refreshes or comes back within {@code mmkg.cache.ttl}
 * costs a map lookup instead of a graph walk.
 *
 * <p>Consistency: a write through this service drops what it can change at once: an interaction
 * drops its user's answers (their next query sees it: the item leaves their list as seen and moves
 * their co-likers); an added or updated item drops every answer (a new item must be reachable at
 * once). Other users' interactions shift a user's scores only slightly; those answers may be up to
 * the TTL old, as may answers of a service instance when another instance took the write. A TTL of
 * 0 turns the cache off.
 */
@ApplicationScoped
public class RecommendationCache {

    /** What a cached answer depends on besides the user. */
    public record Key(int k, RecommendationService.Options options) {}

    private final Cache<String, Map<Key, RecommendationList>> cache;

    @Inject
    public RecommendationCache(@ConfigProperty(name = "mmkg.cache.ttl", defaultValue = "30s") Duration ttl,
            @ConfigProperty(name = "mmkg.cache.max-users", defaultValue = "100000") long maxUsers,
            MeterRegistry registry) {
        this.cache = ttl.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxUsers).recordStats().build();
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "recommendations");
        }
    }

    public RecommendationList get(String userId, Key key, Supplier<RecommendationList> compute) {
        if (cache == null) {
            return compute.get();
        }
        Map<Key, RecommendationList> perUser = cache.get(userId, u -> new ConcurrentHashMap<>());
        RecommendationList hit = perUser.get(key);
        if (hit != null) {
            return hit;
        }
        RecommendationList fresh = compute.get();
        perUser.put(key, fresh);
        return fresh;
    }

    /** After a write about this user (an interaction). */
    public void invalidateUser(String userId) {
        if (cache != null) {
            cache.invalidate(userId);
        }
    }

    /** After a write about an item (new items must be recommendable at once). */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
