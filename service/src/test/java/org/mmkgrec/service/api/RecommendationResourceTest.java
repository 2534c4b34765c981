package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mmkgrec.service.recommend.RecommendationCache;

/** Runs against service/src/test/resources/fixture.cypher, loaded into the test store at start-up. */
@QuarkusTest
class RecommendationResourceTest {

    @Inject
    RecommendationCache cache;

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void recommendsByKgPathsThenPopularity() {
        // u1 liked i1 and has no co-likers. kg: i3 shares rock (degree 3: 1/ln 5) and uk (degree 2:
        // 1/ln 4) with i1, i2 shares rock only; normalised by i3's. i4 comes from popularity; i1, i5 are seen.
        double kgI2 = (1 / Math.log(5)) / (1 / Math.log(5) + 1 / Math.log(4));
        given().when().get("/api/v1/users/u1/recommendations?k=5")
                .then().statusCode(200)
                .body("userId", equalTo("u1"))
                .body("model", equalTo("hybrid"))
                .body("items.itemId", contains("i3", "i2", "i4"))
                .body("items.source", contains("kg", "kg", "popular"))
                .body("items[0].score", closeTo(0.3, 1e-9))
                .body("items[1].score", closeTo(0.3 * kgI2, 1e-9))
                .body("items[2].score", closeTo(0.05, 1e-9));
    }

    @Test
    void explainsWithTheKgPathFromTheUsersHistory() {
        // the co-entity link (2 shared: 2/3) first, then the path through the named genre rock; the one
        // through the rarer entity uk weighs most, but uk has no name, so it comes after both
        given().when().get("/api/v1/users/u1/recommendations?k=1&paths=3")
                .then().statusCode(200)
                .body("items[0].explanations.size()", equalTo(3))
                .body("items[0].explanations[0].hops[1].relation", equalTo("CO_ENTITY"))
                .body("items[0].explanations[0].weight", closeTo(2.0 / 3.0, 1e-9))
                .body("items[0].explanations[1].hops.to.id", contains("i1", "rock", "i3"))
                .body("items[0].explanations[2].hops.relation",
                        contains("INTERACTED", "music.artist.origin", "music.artist.origin"))
                .body("items[0].explanations[2].hops.to.id", contains("i1", "uk", "i3"))
                .body("items[0].explanations[2].hops.forward", contains(true, true, false))
                .body("items[0].explanations[2].weight", closeTo(1 / Math.log(4), 1e-9));
        // with room for two, the unnamed path is the one left out
        given().when().get("/api/v1/users/u1/recommendations?k=1&paths=2")
                .then().statusCode(200)
                .body("items[0].explanations.hops.flatten().to.id", not(hasItem("uk")));
    }

    @Test
    void filtersOnKgEntitiesAndTags() {
        given().when().get("/api/v1/users/u1/recommendations?k=5&entity=uk")
                .then().statusCode(200).body("items.itemId", contains("i3"));
        given().when().get("/api/v1/users/u1/recommendations?k=5&entity=rock&entity=uk")
                .then().statusCode(200).body("items.itemId", contains("i3", "i2"));
        given().when().get("/api/v1/users/u1/recommendations?k=5&entity=nowhere")
                .then().statusCode(400).body("field", equalTo("entity"));
        given().when().get("/api/v1/users/u1/recommendations?k=5&tag=nothing")
                .then().statusCode(400).body("field", equalTo("tag"));
    }

    @Test
    void thePlainCypherCfModelAnswersToo() {
        // u2 liked i4 only, which nobody else liked: no co-likers, an empty list
        given().when().get("/api/v1/users/u2/recommendations?k=5&model=cypher-cf")
                .then().statusCode(200).body("model", equalTo("cypher-cf")).body("items", empty());
        given().when().get("/api/v1/users/u1/recommendations?model=deep")
                .then().statusCode(400).body("field", equalTo("model"));
        given().when().get("/api/v1/users/nobody/recommendations?model=cypher-cf")
                .then().statusCode(404).body("field", equalTo("userId"));
    }

    @Test
    void explainFalseLeavesExplanationsOut() {
        given().when().get("/api/v1/users/u1/recommendations?k=2&explain=false")
                .then().statusCode(200)
                .body("items[0].explanations", empty());
    }

    @Test
    void unknownUserIs404WithTheField() {
        given().when().get("/api/v1/users/nobody/recommendations")
                .then().statusCode(404)
                .body("field", equalTo("userId"))
                .body("message", containsString("nobody"));
    }

    @Test
    void kOutOfRangeOrMalformedIs400NamingK() {
        for (String k : new String[] {"0", "1001", "abc", "-3"}) {
            given().when().get("/api/v1/users/u1/recommendations?k=" + k)
                    .then().statusCode(400)
                    .body("field", equalTo("k"));
        }
        given().when().get("/api/v1/users/u1/recommendations?paths=0").then().statusCode(400).body("field", equalTo("paths"));
        given().when().get("/api/v1/users/u1/recommendations?hops=4").then().statusCode(400).body("field", equalTo("hops"));
    }

    @Test
    void seenItemsCanBeIncluded() {
        given().when().get("/api/v1/users/u1/recommendations?k=10&excludeSeen=false&explain=false")
                .then().statusCode(200)
                .body("items.itemId", contains("i3", "i2", "i1", "i4", "i5"));
    }

    @Test
    void explanationWorkOverTheBudgetIs400NamingTheParameters() {
        // the request of the issue: 1000 x 10 x 3 = 30,000 units of explanation work, budget 1000
        given().when().get("/api/v1/users/u1/recommendations?k=1000&paths=10&hops=3&explain=true")
                .then().statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("field", equalTo("k,paths,hops"))
                .body("message", containsString("30000"));
        given().when().get("/api/v1/users/u1/recommendations?k=101&paths=5&hops=2")
                .then().statusCode(400).body("field", equalTo("k,paths,hops"));
        // at the budget, without explanations, or with a model that explains nothing: answered
        given().when().get("/api/v1/users/u1/recommendations?k=100&paths=5&hops=2").then().statusCode(200);
        given().when().get("/api/v1/users/u1/recommendations?k=1000&paths=10&hops=3&explain=false").then().statusCode(200);
        given().when().get("/api/v1/users/u1/recommendations?k=1000&paths=10&hops=3&model=cypher-cf").then().statusCode(200);
        given().when().get("/api/v1/users/u1/recommendations?paths=11").then().statusCode(400).body("field", equalTo("paths"));
    }

    @Test
    void anUnknownUsersRequestLeavesNothingInTheCache() {
        long before = cache.entries();
        for (int i = 0; i < 20; i++) {
            given().when().get("/api/v1/users/ghost-" + i + "/recommendations?k=3").then().statusCode(404);
            assertThat(cache.tracksUser("ghost-" + i)).isFalse();
        }
        assertThat(cache.entries()).isEqualTo(before);
        // while an answer is kept, under its user
        given().when().get("/api/v1/users/u2/recommendations?k=3&paths=1&hops=1").then().statusCode(200);
        assertThat(cache.tracksUser("u2")).isTrue();
        assertThat(cache.entries()).isEqualTo(before + 1);
        assertThat(cache.weightedBytes()).isPositive().isLessThanOrEqualTo(cache.maxBytes());
    }
}
