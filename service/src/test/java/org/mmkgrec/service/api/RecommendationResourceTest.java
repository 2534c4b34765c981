package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against service/src/test/resources/fixture.cypher, loaded into the test store at start-up. */
@QuarkusTest
class RecommendationResourceTest {

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void recommendsByKgPathsThenPopularity() {
        // i3 shares rock (degree 3: 1/ln 5 = 0.621) and uk (degree 2: 1/ln 4 = 0.721) with i1: 1.343;
        // i2 shares rock only: 0.621; i4 comes from the popularity fallback; i1 and i5 are seen.
        given().when().get("/api/v1/users/u1/recommendations?k=5")
                .then().statusCode(200)
                .body("userId", equalTo("u1"))
                .body("items.itemId", contains("i3", "i2", "i4"))
                .body("items.reason", contains("kg-path", "kg-path", "popular"))
                .body("items[0].score", closeTo(1 / Math.log(5) + 1 / Math.log(4), 1e-6))
                .body("items[1].score", closeTo(1 / Math.log(5), 1e-6));
    }

    @Test
    void explainsWithTheKgPathFromTheUsersHistory() {
        // the best path to i3 goes through the rarer entity uk
        given().when().get("/api/v1/users/u1/recommendations?k=1&paths=2")
                .then().statusCode(200)
                .body("items[0].explanations.size()", equalTo(2))
                .body("items[0].explanations[0].hops.relation",
                        contains("INTERACTED", "music.artist.origin", "music.artist.origin"))
                .body("items[0].explanations[0].hops.to.id", contains("i1", "uk", "i3"))
                .body("items[0].explanations[0].hops.forward", contains(true, true, false))
                .body("items[0].explanations[0].weight", closeTo(1 / Math.log(4), 1e-6))
                .body("items[0].explanations[1].hops[1].relation", equalTo("music.artist.genre"));
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
    }

    @Test
    void seenItemsCanBeIncluded() {
        given().when().get("/api/v1/users/u1/recommendations?k=10&excludeSeen=false&explain=false")
                .then().statusCode(200)
                .body("items.itemId", contains("i3", "i2", "i1", "i4"));
    }
}
