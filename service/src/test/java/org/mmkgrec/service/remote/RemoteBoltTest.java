package org.mmkgrec.service.remote;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The service configured with {@code mmkg.store.uri}: no embedded store, every answer comes over
 * Bolt from the separate server ({@link HarnessServer}), with the same answers and error codes as
 * the embedded set-up (compare RecommendationResourceTest).
 */
@QuarkusTest
@TestProfile(RemoteBoltTest.Remote.class)
@QuarkusTestResource(value = HarnessServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteBoltTest {

    public static class Remote implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    @Order(1)
    void recommendationsAndExplanationsComeOverBolt() {
        given().when().get("/api/v1/users/u1/recommendations?k=5&paths=1")
                .then().statusCode(200)
                .body("items.itemId", contains("i3", "i2", "i4"))
                .body("items[0].score", closeTo(0.3, 1e-9))
                .body("items[0].explanations[0].hops.to.id", contains("i1", "i3"));
        given().when().get("/api/v1/users/u1/explanations/i3?paths=4")
                .then().statusCode(200).body("paths[1].hops[1].relation", equalTo("music.artist.genre"))
                .body("paths[3].text", containsString("unnamed origin (Entity uk)"));
        given().when().get("/api/v1/items/i1/similar?k=2")
                .then().statusCode(200).body("items.itemId", contains("i3", "i2"));
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("checks[0].data.store", containsString("bolt://"));
    }

    @Test
    @Order(2)
    void errorsKeepTheirCodesOverBolt() {
        given().when().get("/api/v1/users/nobody/recommendations").then().statusCode(404).body("field", equalTo("userId"));
        given().when().get("/api/v1/items/nothing/similar").then().statusCode(404).body("field", equalTo("itemId"));
        given().when().get("/api/v1/users/u1/recommendations?entity=nowhere").then().statusCode(400)
                .body("field", equalTo("entity"));
    }

    @Test
    @Order(3)
    void onlineWritesGoOverBoltToo() {
        given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON)
                .body(Map.of("eventId", "r1", "userId", "u2", "itemId", "i3")).when().post("/api/v1/interactions")
                .then().statusCode(201);
        given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON)
                .body(Map.of("name", "Zeta", "text", "a rock band")).when().put("/api/v1/items/i6")
                .then().statusCode(201);
        given().when().get("/api/v1/users/u2/recommendations?k=10&explain=false&excludeSeen=false")
                .then().statusCode(200).body("items.itemId", org.hamcrest.Matchers.hasItem("i3"));
    }

    @Test
    @Order(4)
    void tagsGoOverBoltThroughTheProcedure() {
        // the fixture has no tags: nothing to recommend until one is assigned
        given().when().get("/api/v1/items/i1/tags?user=u1").then().statusCode(200).body("tags", org.hamcrest.Matchers.empty());
        given().when().get("/api/v1/items/i1/tags?user=nobody").then().statusCode(404).body("field", equalTo("user"));
        given().when().get("/api/v1/items/nothing/tags").then().statusCode(404).body("field", equalTo("itemId"));
        Map<String, Object> event = Map.of("eventId", "rt1", "userId", "u1", "itemId", "i1", "tags", java.util.List.of("Shoegaze"));
        given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/tags").then().statusCode(201).body("tagIds", contains("shoegaze"));
        given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON).body(event)
                .when().post("/api/v1/tags").then().statusCode(200).body("created", equalTo(false));
        // one use by u1 on i1: user, item and global sources each see it once
        given().when().get("/api/v1/items/i1/tags?user=u1").then().statusCode(200)
                .body("tags.id", contains("shoegaze"))
                .body("tags[0].posted", equalTo(true))
                .body("tags[0].explanation.source", contains("user", "item", "global"))
                .body("tags[0].explanation.count", contains(1, 1, 1));
    }
}
