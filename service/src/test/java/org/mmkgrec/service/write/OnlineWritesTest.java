package org.mmkgrec.service.write;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mmkgrec.service.store.GraphBackend;

/**
 * Online writes on a store of their own (a test profile restarts the service on a fresh store), in
 * order: items with text, a user, interactions, then the cold-start answers that follow at once.
 */
@QuarkusTest
@TestProfile(OnlineWritesTest.OwnStore.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnlineWritesTest {

    /** Same configuration, separate application start and store. */
    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @Inject
    GraphBackend graph;

    private static RequestSpecification withKey() {
        return given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON);
    }

    @Test
    @Order(1)
    void addsItemsWithTextThatIsEncodedAtOnce() {
        withKey().body(Map.of("name", "Nova", "text", "British indie rock band from Manchester",
                        "entities", java.util.List.of(Map.of("id", "jazz", "relation", "music.artist.genre"))))
                .when().put("/api/v1/items/n1")
                .then().statusCode(201)
                .body("created", equalTo(true))
                .body("detail", containsString("384-d"));
        withKey().body(Map.of("name", "Nebula", "text", "Indie rock group from Manchester, England"))
                .when().put("/api/v1/items/n2").then().statusCode(201);
        withKey().body(Map.of("name", "Nova")).when().put("/api/v1/items/n1")
                .then().statusCode(200).body("created", equalTo(false));
        assertCount("MATCH (:Item {id: 'n1'})-[:HAS_TEXT]->(c:Content {dim: 384, modality: 'text'}) RETURN count(c) AS c", 1);
        assertCount("MATCH (:Item {id: 'n1'})-[:`music.artist.genre`]->(:Entity {entityId: 'jazz'}) RETURN count(*) AS c", 1);
    }

    @Test
    @Order(2)
    void aNewItemWithTextOnlyIsFoundAsSimilarRightAway() {
        given().when().get("/api/v1/items/n1/similar?k=3")
                .then().statusCode(200)
                .body("items[0].itemId", equalTo("n2"))
                .body("items[0].source", equalTo("content"));
    }

    @Test
    @Order(3)
    void addsAUserIdempotently() {
        withKey().body(Map.of("name", "Nine")).when().put("/api/v1/users/u9").then().statusCode(201);
        withKey().body("{}").when().put("/api/v1/users/u9").then().statusCode(200).body("created", equalTo(false));
        assertCount("MATCH (u:User {id: 'u9', name: 'Nine'}) RETURN count(u) AS c", 1);
        // no history yet: popular items, now cached for u9
        given().when().get("/api/v1/users/u9/recommendations?k=5")
                .then().statusCode(200).body("items.source", not(hasItem("content")));
    }

    @Test
    @Order(4)
    void interactionsAreIdempotentByEventId() {
        Map<String, Object> event = Map.of("eventId", "e1", "userId", "u9", "itemId", "n1", "label", 1);
        withKey().body(event).when().post("/api/v1/interactions").then().statusCode(201).body("created", equalTo(true));
        withKey().body(event).when().post("/api/v1/interactions").then().statusCode(200).body("created", equalTo(false));
        assertCount("MATCH ()-[r:INTERACTED {eventId: 'e1'}]->() RETURN count(r) AS c", 1);
        assertCount("MATCH (i:Item {id: 'n1'}) RETURN i.popularity AS c", 1);
        withKey().body(Map.of("eventId", "e1", "userId", "u9", "itemId", "n2"))
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("eventId"));
    }

    @Test
    @Order(5)
    void theNextRecommendationSeesTheInteractionAndTheNewItem() {
        // u9 liked n1 only; n2 has no interaction and no KG link: it arrives through its text vector.
        // The interaction dropped u9's cached answer, so the same request answers anew.
        given().when().get("/api/v1/users/u9/recommendations?k=5")
                .then().statusCode(200)
                .body("items.itemId", hasItem("n2"))
                .body("items.itemId", not(hasItem("n1")))
                .body("items.find { it.itemId == 'n2' }.source", equalTo("content"));
    }

    @Test
    @Order(6)
    void badWritesAre400Or404NamingTheFieldAndWriteNothing() {
        withKey().body(Map.of("eventId", "e2", "userId", "u9", "itemId", "ghost"))
                .when().post("/api/v1/interactions").then().statusCode(404).body("field", equalTo("itemId"));
        withKey().body(Map.of("eventId", "e3", "userId", "u9", "itemId", "n1", "label", 3))
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("label"));
        withKey().body(Map.of("userId", "u9", "itemId", "n1"))
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("eventId"));
        withKey().body("{\"eventId\": \"e4\", \"userId\": \"u9\", \"itemId\": \"n1\", \"label\": \"yes\"}")
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("label"));
        withKey().body("{\"eventId\": ").when().post("/api/v1/interactions")
                .then().statusCode(400).body("field", equalTo("body"));
        withKey().body(Map.of("entities", java.util.List.of(Map.of("id", "nowhere", "relation", "genre"))))
                .when().put("/api/v1/items/n3").then().statusCode(400).body("field", equalTo("entities[0].id"));
        withKey().body(Map.of("entities", java.util.List.of(Map.of("id", "jazz", "relation", "bad`type"))))
                .when().put("/api/v1/items/n3").then().statusCode(400).body("field", equalTo("entities[0].relation"));
        assertCount("MATCH ()-[r:INTERACTED]->() WHERE r.eventId IN ['e2', 'e3', 'e4'] RETURN count(r) AS c", 0);
        assertCount("MATCH (i:Item {id: 'n3'}) RETURN count(i) AS c", 0);
        assertCount("MATCH (i:Item {id: 'ghost'}) RETURN count(i) AS c", 0);
    }

    private void assertCount(String query, long expected) {
        Object c = graph.read(query, Map.of()).get(0).get("c");
        org.assertj.core.api.Assertions.assertThat(((Number) c).longValue()).as(query).isEqualTo(expected);
    }
}
