package org.mmkgrec.service.recommend;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
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
 * <p>Bounded by bytes, not entries ({@code mmkg.cache.max-bytes}): an answer is kept as its JSON only
 * (a hit writes those bytes; nothing is serialised twice or held as objects beside it), and weighs
 * its JSON's length plus an estimate, on the safe side, of its key and the cache's bookkeeping
 * ({@link Key#bytes()}), so many tiny answers are bounded as well as a few large ones. Caffeine
 * evicts the least valuable answers (TinyLFU) once the total weight passes the bound.
 *
 * <p>Only answers are remembered: a request that fails (an unknown user's 404, a timeout) leaves
 * neither an entry nor a key behind.
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

    /**
     * What an answer depends on.
     */
    public record Key(String userId, int k, RecommendationService.Options options) {
        /**
         * Heap bytes of this key and of the entries that hold it (Caffeine's node, the per-user index),
         * estimated on the safe side: fixed records and nodes, plus each string at two bytes a character.
         */
        public long bytes() {
            long strings = string(userId) + string(options.model());
            for (String s : options.entities()) {
                strings += string(s);
            }
            for (String s : options.tags()) {
                strings += string(s);
            }
            return ENTRY_OVERHEAD + strings;
        }

        private static long string(String s) {
            return 48 + 2L * s.length();
        }
    }

    /**
     * Per entry, besides its strings and the JSON's bytes: Caffeine's node with its access and write
     * times (~80 bytes), the key and options records and their lists (~100), the byte array's header
     * (16) and the entry in the per-user index (~60), rounded up.
     */
    static final long ENTRY_OVERHEAD = 320;

    private final LoadingCache<Key, byte[]> cache;
    private final long maxBytes;
    /** Each user's cached keys, so an interaction drops exactly that user's answers. */
    private final Map<String, Set<Key>> keysByUser = new ConcurrentHashMap<>();
    private volatile Function<Key, byte[]> compute;

    @Inject
    public RecommendationCache(@ConfigProperty(name = "mmkg.cache.ttl", defaultValue = "30s") Duration ttl,
            @ConfigProperty(name = "mmkg.cache.idle", defaultValue = "10m") Duration idle,
            @ConfigProperty(name = "mmkg.cache.max-bytes", defaultValue = "32M") MemorySize maxBytes,
            MeterRegistry registry) {
        this(ttl, idle, maxBytes.asLongValue(), registry);
    }

    /** As configured; {@code maxBytes} in bytes, at least 1. */
    public RecommendationCache(Duration ttl, Duration idle, long maxBytes, MeterRegistry registry) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("`mmkg.cache.max-bytes` must be at least 1 byte, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        if (ttl.isZero()) {
            this.cache = null;
            return;
        }
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(ttl)
                .expireAfterAccess(idle.compareTo(ttl) > 0 ? idle : ttl.multipliedBy(2))
                .maximumWeight(maxBytes)
                .weigher((Key key, byte[] json) -> (int) Math.min(Integer.MAX_VALUE, json.length + key.bytes()))
                // runs inside the eviction, so a key loaded again at once is not unindexed afterwards
                .evictionListener((Key key, byte[] json, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (key != null) {
                        unindex(key);
                    }
                })
                .recordStats()
                .build(this::load);
        CaffeineCacheMetrics.monitor(registry, cache, "recommendations");
        Gauge.builder("mmkg.cache.weight", this, RecommendationCache::weightedBytes).tag("cache", "recommendations")
                .baseUnit(BaseUnits.BYTES).description("estimated heap bytes of the cached answers (bound: mmkg.cache.max-bytes)")
                .register(registry);
    }

    /** The cached answer's JSON for {@code key}, computed by {@code compute} when absent. */
    public byte[] get(Key key, Function<Key, byte[]> compute) {
        if (cache == null) {
            return compute.apply(key);
        }
        this.compute = compute;
        return cache.get(key);
    }

    /** After a write about this user (an interaction). */
    public void invalidateUser(String userId) {
        if (cache != null) {
            Set<Key> keys = keysByUser.remove(userId);
            if (keys != null) {
                // waits for a load of one of these keys that is under way, then drops its answer
                cache.invalidateAll(keys);
            }
        }
    }

    /** After a write about an item (new items must be recommendable at once). */
    public void invalidateAll() {
        if (cache != null) {
            // key by key first: unlike a plain invalidateAll, that waits for loads under way
            for (String userId : List.copyOf(keysByUser.keySet())) {
                invalidateUser(userId);
            }
            cache.invalidateAll();
        }
    }

    /** The configured bound, {@code mmkg.cache.max-bytes}. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The cache's current weight (JSON bytes plus {@link Key#bytes()} per answer), after pending evictions. */
    public long weightedBytes() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many answers are held, after pending evictions. */
    public long entries() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Whether any answer of this user is held or being computed (what {@link #invalidateUser} would drop). */
    public boolean tracksUser(String userId) {
        return keysByUser.containsKey(userId);
    }

    /** How many users the invalidation index holds (for tests: it must shrink with evictions). */
    int trackedUsers() {
        return keysByUser.size();
    }

    /** The answers held, as a view (for tests). */
    Map<Key, byte[]> asMap() {
        return cache == null ? Map.of() : cache.asMap();
    }

    /**
     * Indexes the key before the graph is read: a write that commits during the load then finds the
     * key, and its invalidation waits for the load and drops the answer it produced. A first load that
     * fails stores nothing, so its key is dropped again; a failed background refresh keeps the
     * previous answer, and so its key.
     */
    private byte[] load(Key key) {
        index(key);
        try {
            return compute.apply(key);
        } catch (RuntimeException | Error e) {
            if (!cache.asMap().containsKey(key)) {
                unindex(key);
            }
            throw e;
        }
    }

    private void index(Key key) {
        keysByUser.compute(key.userId(), (user, keys) -> {
            Set<Key> set = keys != null ? keys : ConcurrentHashMap.newKeySet();
            set.add(key);
            return set;
        });
    }

    private void unindex(Key key) {
        keysByUser.computeIfPresent(key.userId(), (user, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
