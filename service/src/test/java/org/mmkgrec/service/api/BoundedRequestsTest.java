package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mmkgrec.service.recommend.RecommendationCache;
import org.mmkgrec.service.recommend.RecommendationService;
import org.mmkgrec.service.store.GraphBackend;
import org.mmkgrec.service.store.GraphTimeoutException;

/**
 * The time and concurrency bounds, on a service started with tight ones: one request at a time on
 * the recommendations route, reads ended by Neo4j after 2 s (room for a cold first query on a busy
 * machine). A request is held inside the route, or made slow, by a {@link RecommendationService}
 * that waits for the test or first runs a slow read on the real store.
 */
@QuarkusTest
@TestProfile(BoundedRequestsTest.Tight.class)
class BoundedRequestsTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmkg.api.limits.concurrent-per-route.recommendations", "1",
                    "mmkg.store.transaction-timeout", "2s");
        }
    }

    /** 10 fixture nodes to the 9th power: a billion rows, minutes of work unless something ends it. */
    static final String SLOW = "MATCH (a), (b), (c), (d), (e), (f), (g), (h), (i) "
            + "WHERE elementId(a) <> elementId(i) RETURN count(*) AS c";
    static final String ONE = "/api/v1/users/u1/recommendations?k=1";

    @Inject
    GraphBackend graph;

    @Inject
    RecommendationCache cache;

    @Test
    void neo4jEndsAReadPastTheTransactionTimeout() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<Throwable> read = CompletableFuture.supplyAsync(() -> {
            try {
                graph.read(SLOW, Map.of());
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Throwable failure = read.get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(failure).isInstanceOf(GraphTimeoutException.class)
                .hasMessageContaining("2 s").hasMessageContaining("`mmkg.store.transaction-timeout`");
        // after the timeout, within the transaction monitor's 2 s check interval (plus slack for a slow machine)
        assertThat(seconds).isGreaterThanOrEqualTo(2).isLessThan(20);
    }

    @Test
    void aTimedOutRequestIsAJson503WithoutAStackTrace() {
        QuarkusMock.installMockForType(new RecommendationService(graph, cache) {
            @Override
            public byte[] json(String userId, int k, Options options) {
                if (userId.equals("u1")) {
                    graph.read(SLOW, Map.of());
                }
                return super.json(userId, k, options);
            }
        }, RecommendationService.class);
        given().when().get(ONE)
                .then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("status", equalTo(503))
                .body("error", equalTo("timeout"))
                .body("field", nullValue())
                .body("message", containsString("`mmkg.store.transaction-timeout`"))
                .body(not(containsString("Exception")));
        // the route's one permit came back with the 503
        assertEventually("/api/v1/users/u2/recommendations?k=1", 200);
    }

    @Test
    void beyondTheRoutesPermitsTheNextRequestIs503WithRetryAfter() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        QuarkusMock.installMockForType(new RecommendationService(graph, cache) {
            @Override
            public byte[] json(String userId, int k, Options options) {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.json(userId, k, options);
            }
        }, RecommendationService.class);
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> given().when().get(ONE).statusCode());
        try {
            assertThat(inside.await(30, TimeUnit.SECONDS)).as("the first request is inside the route").isTrue();
            given().when().get("/api/v1/users/u2/recommendations?k=5")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .contentType(ContentType.JSON)
                    .body("status", equalTo(503))
                    .body("error", equalTo("overloaded"))
                    .body("message", containsString("`recommendations`"));
            // other routes have permits of their own
            given().when().get("/api/v1/users/u1/explanations/i3?paths=1").then().statusCode(200);
        } finally {
            release.countDown();
        }
        assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        // the permit comes back when the held answer is complete, and answers that are errors give theirs
        // back too: with one permit, each of these would be refused if any had kept it
        assertEventually("/api/v1/users/nobody/recommendations?k=1", 404);
        assertEventually("/api/v1/users/u1/recommendations?k=0", 400);
        assertEventually(ONE, 200);
        assertEventually(ONE, 200);
    }

    /**
     * The status the path answers once the previous request's permit is back: the permit is returned
     * when its response is complete, which the client may see a moment before the server does; only
     * that refusal is retried, for up to 5 s.
     */
    private static void assertEventually(String path, int status) {
        int last = -1;
        for (int attempt = 0; attempt < 50; attempt++) {
            Response response = given().when().get(path);
            last = response.statusCode();
            if (last != 503 || !"overloaded".equals(response.jsonPath().getString("error"))) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(last).as(path).isEqualTo(status);
    }
}
