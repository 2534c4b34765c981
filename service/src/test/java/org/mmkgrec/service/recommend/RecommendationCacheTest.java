package org.mmkgrec.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The answer cache without a service around it: its byte bound, its key index and its invalidation. */
class RecommendationCacheTest {

    private static final RecommendationService.Options OPTIONS =
            new RecommendationService.Options("active", true, 3, 2, true, List.of(), List.of());

    private static RecommendationCache cache(long maxBytes) {
        return new RecommendationCache(Duration.ofMinutes(1), Duration.ofMinutes(10), maxBytes, new SimpleMeterRegistry());
    }

    private static RecommendationCache.Key key(String user, int k) {
        return new RecommendationCache.Key(user, k, OPTIONS);
    }

    private static byte[] json(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Test
    void theByteBoundHoldsUnderTenThousandDistinctKeys() {
        long bound = 256 * 1024;
        RecommendationCache cache = cache(bound);
        long offered = 0;
        for (int i = 0; i < 10_000; i++) {
            // answers of 100 B .. 4 KB, as lists with and without explanations are
            int size = 100 + (i * 7919) % 4000;
            RecommendationCache.Key key = key("user-" + i, 1 + i % 50);
            offered += size + key.bytes();
            assertThat(cache.get(key, k -> json(size))).hasSize(size);
            if (i % 100 == 99) {
                assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound);
                assertThat(heldBytes(cache)).isLessThanOrEqualTo(bound);
            }
        }
        // 10,000 answers of ~2.4 KB each were offered, ~90 times the bound: most had to go
        assertThat(offered).isGreaterThan(20 * bound);
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound).isEqualTo(heldBytes(cache));
        long entries = cache.entries();
        assertThat(entries).isPositive().isLessThan(10_000);
        // evicted answers leave the invalidation index too: one user per answer here
        assertThat((long) cache.trackedUsers()).isEqualTo(entries);
    }

    @Test
    void tinyAnswersWeighTheirKeysToo() {
        // 100 KB of one-byte answers: bounded by the per-entry estimate, not by the JSON alone
        long bound = 100_000;
        RecommendationCache cache = cache(bound);
        for (int i = 0; i < 10_000; i++) {
            cache.get(key("u" + i, 1), k -> new byte[1]);
        }
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound);
        assertThat(cache.entries()).isLessThanOrEqualTo(bound / RecommendationCache.ENTRY_OVERHEAD);
    }

    /** The weight of what is held, measured from the entries themselves rather than Caffeine's bookkeeping. */
    private static long heldBytes(RecommendationCache cache) {
        return cache.asMap().entrySet().stream().mapToLong(e -> e.getValue().length + e.getKey().bytes()).sum();
    }

    @Test
    void keepsTheJsonOnlyAndComputesOnce() {
        RecommendationCache cache = cache(1 << 20);
        AtomicInteger computed = new AtomicInteger();
        byte[] first = cache.get(key("u1", 10), k -> {
            computed.incrementAndGet();
            return "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
        });
        byte[] again = cache.get(key("u1", 10), k -> {
            computed.incrementAndGet();
            return new byte[0];
        });
        assertThat(again).isSameAs(first);
        assertThat(computed).hasValue(1);
        assertThat(cache.asMap()).containsOnlyKeys(key("u1", 10));
    }

    @Test
    void aFailedRequestLeavesNeitherAnswerNorKey() {
        RecommendationCache cache = cache(1 << 20);
        assertThatThrownBy(() -> cache.get(key("nobody", 10), k -> {
            throw new NotFoundException("userId", "no user with id `nobody`");
        })).isInstanceOf(NotFoundException.class);
        assertThat(cache.entries()).isZero();
        assertThat(cache.tracksUser("nobody")).isFalse();
        assertThat(cache.trackedUsers()).isZero();
        // while an answer is remembered with its key
        cache.get(key("u1", 10), k -> json(10));
        assertThat(cache.tracksUser("u1")).isTrue();
        assertThat(cache.entries()).isOne();
    }

    @Test
    void anInteractionDropsItsUsersAnswersOnly() {
        RecommendationCache cache = cache(1 << 20);
        cache.get(key("u1", 5), k -> json(5));
        cache.get(key("u1", 10), k -> json(10));
        cache.get(key("u2", 5), k -> json(5));
        cache.invalidateUser("u1");
        assertThat(cache.asMap()).containsOnlyKeys(key("u2", 5));
        assertThat(cache.tracksUser("u1")).isFalse();
        AtomicInteger computed = new AtomicInteger();
        cache.get(key("u1", 5), k -> json(computed.incrementAndGet()));
        assertThat(computed).hasValue(1);
    }

    @Test
    void anItemWriteDropsEverything() {
        RecommendationCache cache = cache(1 << 20);
        cache.get(key("u1", 5), k -> json(5));
        cache.get(key("u2", 5), k -> json(5));
        cache.invalidateAll();
        assertThat(cache.entries()).isZero();
        assertThat(cache.trackedUsers()).isZero();
    }

    @Test
    void aTtlOfZeroTurnsItOff() {
        RecommendationCache cache = new RecommendationCache(Duration.ZERO, Duration.ZERO, 1, new SimpleMeterRegistry());
        AtomicInteger computed = new AtomicInteger();
        cache.get(key("u1", 5), k -> json(computed.incrementAndGet()));
        cache.get(key("u1", 5), k -> json(computed.incrementAndGet()));
        assertThat(computed).hasValue(2);
        assertThat(cache.entries()).isZero();
        assertThat(cache.asMap()).isEqualTo(Map.of());
    }

    @Test
    void aBoundBelowOneByteIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> cache(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`mmkg.cache.max-bytes`");
    }
}
