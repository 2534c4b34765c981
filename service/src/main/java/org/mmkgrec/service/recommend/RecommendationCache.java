package org.mmkgrec.service.recommend;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recent answers, so a user who pages, refreshes or comes back costs a map lookup instead of a graph
 * walk. An answer older than {@code mmkg.cache.ttl} is recomputed in the background on its next
 * request (the request still gets the previous answer at once: stale-while-revalidate); an answer
 * nobody asked for during {@code mmkg.cache.idle} is dropped.
 *
 * <p>Consistency: a write through this service drops what it can change at once: an interaction
 * drops its user's answers (their next query sees it: the item leaves their list as seen and moves
 * their co-likers); an added or updated item drops every answer (a new item must be reachable at
 * once). Other users' interactions shift a user's scores only slightly; those answers may be up to
 * one TTL old (plus one request), as may answers of a service instance when another instance took
 * the write. A TTL of 0 turns the cache off.
 */
@ApplicationScoped
public class RecommendationCache {

    /** What an answer depends on. */
    public record Key(String userId, int k, RecommendationService.Options options) {}

    /** An answer with its JSON, serialised once: a cache hit writes bytes, it does not serialise again. */
    public record Answer(RecommendationList list, byte[] json) {}

    private final LoadingCache<Key, Answer> cache;
    private final Map<String, Set<Key>> keysByUser = new ConcurrentHashMap<>();
    private volatile Function<Key, Answer> compute;

    @Inject
    public RecommendationCache(@ConfigProperty(name = "mmkg.cache.ttl", defaultValue = "30s") Duration ttl,
            @ConfigProperty(name = "mmkg.cache.idle", defaultValue = "10m") Duration idle,
            @ConfigProperty(name = "mmkg.cache.max-entries", defaultValue = "100000") long maxEntries,
            MeterRegistry registry) {
        if (ttl.isZero()) {
            this.cache = null;
            return;
        }
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(ttl)
                .expireAfterAccess(idle.compareTo(ttl) > 0 ? idle : ttl.multipliedBy(2))
                .maximumSize(maxEntries)
                .removalListener((Key key, Answer value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (key != null && cause.wasEvicted()) {
                        Set<Key> keys = keysByUser.get(key.userId());
                        if (keys != null) {
                            keys.remove(key);
                        }
                    }
                })
                .recordStats()
                .build(key -> compute.apply(key));
        CaffeineCacheMetrics.monitor(registry, cache, "recommendations");
    }

    /** The cached answer for {@code key}, computed by {@code compute} when absent. */
    public Answer get(Key key, Function<Key, Answer> compute) {
        if (cache == null) {
            return compute.apply(key);
        }
        this.compute = compute;
        keysByUser.computeIfAbsent(key.userId(), u -> ConcurrentHashMap.newKeySet()).add(key);
        return cache.get(key);
    }

    /** After a write about this user (an interaction). */
    public void invalidateUser(String userId) {
        if (cache != null) {
            Set<Key> keys = keysByUser.remove(userId);
            if (keys != null) {
                cache.invalidateAll(keys);
            }
        }
    }

    /** After a write about an item (new items must be recommendable at once). */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
            keysByUser.clear();
        }
    }
}
