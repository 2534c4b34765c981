package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mmkgrec.cypher.rec.TagConfig;
import org.mmkgrec.cypher.rec.TagMix;
import org.mmkgrec.service.store.GraphBackend;

/**
 * GET /api/v1/items/{itemId}/tags and POST /api/v1/tags on a store of their own
 * (src/test/resources/tag-fixture.cypher), in order: the answer with hand-computed scores, its
 * errors, then online assignments and what the next answer makes of them.
 */
@QuarkusTest
@TestProfile(TagResourceTest.TagStore.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagResourceTest {

    /** A fresh store with the tag fixture. */
    public static class TagStore implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmkg.store.fixture", "tag-fixture.cypher");
        }
    }

    @Inject
    GraphBackend graph;

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static RequestSpecification withKey() {
        return given().header("X-API-Key", "test-secret-key").contentType(ContentType.JSON);
    }

    private static Map<String, Object> assignment(String eventId, String userId, String itemId, List<String> tags) {
        return Map.of("eventId", eventId, "userId", userId, "itemId", itemId, "tags", tags);
    }

    private long count(String query) {
        return ((Number) graph.read(query, Map.of()).get(0).get("c")).longValue();
    }

    @Test
    @Order(1)
    void theScoresMixTheSourcesAsTagMixSays() {
        // under whatever the default weights and half-life are: u1's uses rock 2 in no post (older than u1's
        // one post: 2 x 2^(-1/h)), indie 1 in that post (1); Alpha's indie 3 (of 3);
        // its neighbour Beta's jazz 2 x 2 shared (all of 4); uses over all items britpop 4, indie 3, jazz 2 (of 9)
        TagMix.Weights d = TagMix.Weights.defaults();
        double rock = 2 * Math.pow(2, -1 / TagConfig.DEFAULT_USER_HALF_LIFE);
        Map<String, Double> expected = Map.of(
                "t1", d.user() * rock / (rock + 1),
                "t2", d.user() / (rock + 1) + d.item() + d.global() * 3 / 9,
                "t3", d.neighbours() + d.global() * 2 / 9,
                "t4", d.global() * 4 / 9);
        List<String> order = expected.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        var answer = given().when().get("/api/v1/items/i1/tags?user=u1")
                .then().statusCode(200)
                .body("itemId", equalTo("i1"))
                .body("userId", equalTo("u1"))
                .body("tags.id", contains(order.toArray()))
                .extract().jsonPath();
        for (String tag : expected.keySet()) {
            assertThat(answer.getDouble("tags.find { it.id == '" + tag + "' }.score")).as(tag)
                    .isCloseTo(expected.get(tag), org.assertj.core.api.Assertions.within(1e-9));
        }
        given().when().get("/api/v1/items/i1/tags?user=u1")
                .then().body("tags.find { it.id == 't2' }.name", equalTo("indie"))
                // u1's post on Alpha holds indie
                .body("tags.find { it.id == 't2' }.posted", equalTo(true))
                .body("tags.find { it.id == 't1' }.posted", equalTo(false))
                .body("tags.find { it.id == 't2' }.explanation.source", contains("user", "item", "global"))
                .body("tags.find { it.id == 't2' }.explanation.count", contains(1, 3, 3))
                .body("tags.find { it.id == 't2' }.explanation[1].text", equalTo("put on this item 3 times"));
        // jazz comes from the KG neighbour only where the defaults weigh neighbours (a source weighted 0 is not read)
        if (d.neighbours() > 0) {
            given().when().get("/api/v1/items/i1/tags?user=u1")
                    .then().body("tags.find { it.id == 't3' }.explanation[0].items", contains("Beta"))
                    .body("tags.find { it.id == 't3' }.explanation[0].text",
                            equalTo("on 1 item sharing KG entities with this one: Beta"));
        } else {
            given().when().get("/api/v1/items/i1/tags?user=u1")
                    .then().body("tags.find { it.id == 't3' }.explanation.source", contains("global"));
        }
        // without a user: no user source, and k limits the answer (indie: item and global)
        given().when().get("/api/v1/items/i1/tags?k=1")
                .then().statusCode(200)
                .body("userId", nullValue())
                .body("tags.id", contains("t2"))
                .body("tags[0].score", closeTo(d.item() + d.global() * 3 / 9, 1e-9));
    }

    @Test
    @Order(2)
    void unknownIdsAre404AndBadParameters400NamingTheField() {
        given().when().get("/api/v1/items/nothing/tags").then().statusCode(404)
                .body("error", equalTo("not_found")).body("field", equalTo("itemId"))
                .body("message", containsString("nothing"));
        given().when().get("/api/v1/items/i1/tags?user=nobody").then().statusCode(404)
                .body("field", equalTo("user")).body("message", containsString("nobody"));
        given().when().get("/api/v1/items/i1/tags?k=0").then().statusCode(400).body("field", equalTo("k"));
        given().when().get("/api/v1/items/i1/tags?k=1000").then().statusCode(400).body("field", equalTo("k"))
                .body("message", containsString("1..100"));
        given().when().get("/api/v1/items/i1/tags?k=ten").then().statusCode(400).body("field", equalTo("k"));
        // sent as they are, not encoded again: a leading space, a control character
        given().urlEncodingEnabled(false).when().get("/api/v1/items/i1/tags?user=%20u1")
                .then().statusCode(400).body("field", equalTo("user"));
        given().urlEncodingEnabled(false).when().get("/api/v1/items/i%01/tags")
                .then().statusCode(400).body("field", equalTo("itemId"));
    }

    @Test
    @Order(3)
    void anAssignmentNeedsTheApiKey() {
        given().contentType(ContentType.JSON).body(assignment("k1", "u2", "i3", List.of("indie")))
                .when().post("/api/v1/tags").then().statusCode(401).body("field", equalTo("X-API-Key"));
        assertThat(count("MATCH (e:TagEvent) RETURN count(e) AS c")).isZero();
    }

    @Test
    @Order(4)
    void anAssignmentCountsInTheNextAnswerAtOnce() {
        // the global list is read (and cached) before the write: indie 3 uses
        given().when().get("/api/v1/items/i1/tags").then().statusCode(200)
                .body("tags.find { it.id == 't2' }.explanation.find { it.source == 'global' }.count", equalTo(3));
        // "Indie" names indie by its lower-case form; "Brand  New" is new: id "brand new", its name as sent
        withKey().body(assignment("e1", "u2", "i3", List.of("Indie", "Brand  New")))
                .when().post("/api/v1/tags")
                .then().statusCode(201)
                .body("created", equalTo(true))
                .body("tagIds", contains("t2", "brand new"))
                .body("detail", containsString("2 tags added"));
        given().when().get("/api/v1/items/i3/tags?user=u2")
                .then().statusCode(200)
                .body("tags.find { it.id == 't2' }.posted", equalTo(true))
                .body("tags.find { it.id == 't2' }.explanation.find { it.source == 'user' }.count", equalTo(1))
                .body("tags.find { it.id == 't2' }.explanation.find { it.source == 'item' }.count", equalTo(1))
                .body("tags.find { it.id == 'brand new' }.name", equalTo("Brand  New"))
                .body("tags.find { it.id == 'brand new' }.explanation.find { it.source == 'item' }.count", equalTo(1));
        // the cached global list was dropped by the commit: indie 4 uses now
        given().when().get("/api/v1/items/i1/tags").then().statusCode(200)
                .body("tags.find { it.id == 't2' }.explanation.find { it.source == 'global' }.count", equalTo(4));
        assertThat(count("MATCH (:User {id: 'u2'})-[p:TAGGED]->(:Item {id: 'i3'}) "
                + "WHERE p.tags = ['t2', 'brand new'] AND p.day = date() RETURN count(p) AS c")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void theSameEventTwiceChangesNothing() {
        withKey().body(assignment("e1", "u2", "i3", List.of("Indie", "Brand  New")))
                .when().post("/api/v1/tags")
                .then().statusCode(200)
                .body("created", equalTo(false))
                .body("detail", equalTo("already recorded; nothing changed"))
                .body("tagIds", contains("t2", "brand new"));
        assertThat(count("MATCH (:Item {id: 'i3'})-[r:TAGGED_WITH]->(:Tag {id: 't2'}) RETURN r.count AS c")).isEqualTo(1);
        assertThat(count("MATCH (:User {id: 'u2'})-[r:USED_TAG]->(:Tag {id: 't2'}) RETURN r.count AS c")).isEqualTo(1);
        assertThat(count("MATCH (e:TagEvent {eventId: 'e1'}) RETURN count(e) AS c")).isEqualTo(1);
        // what makes two concurrent first sends of one event one write: the unique constraint
        assertThat(count("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type WHERE name = 'mmkg_tag_event' "
                + "AND labelsOrTypes = ['TagEvent'] AND properties = ['eventId'] AND type = 'UNIQUENESS' RETURN count(*) AS c"))
                .isEqualTo(1);
        // the same event id with other tags: refused, as for interactions
        withKey().body(assignment("e1", "u2", "i3", List.of("jazz")))
                .when().post("/api/v1/tags").then().statusCode(400).body("field", equalTo("eventId"));
        // a new event putting a tag the post already holds: recorded, no count changes
        withKey().body(assignment("e2", "u2", "i3", List.of("indie")))
                .when().post("/api/v1/tags")
                .then().statusCode(201).body("detail", containsString("0 tags added")).body("tagIds", contains("t2"));
        assertThat(count("MATCH (:Item {id: 'i3'})-[r:TAGGED_WITH]->(:Tag {id: 't2'}) RETURN r.count AS c")).isEqualTo(1);
        given().when().get("/api/v1/items/i3/tags?user=u2").then().statusCode(200)
                .body("tags.find { it.id == 't2' }.explanation.find { it.source == 'item' }.count", equalTo(1));
    }

    @Test
    @Order(6)
    void badAssignmentsAre400Or404AndWriteNothing() {
        withKey().body(assignment("e3", "u2", "ghost", List.of("indie")))
                .when().post("/api/v1/tags").then().statusCode(404).body("field", equalTo("itemId"));
        withKey().body(assignment("e4", "u2", "i3", List.of()))
                .when().post("/api/v1/tags").then().statusCode(400).body("field", equalTo("tags"));
        withKey().body(assignment("e5", "u2", "i3", List.of("indie", " padded")))
                .when().post("/api/v1/tags").then().statusCode(400).body("field", equalTo("tags[1]"));
        withKey().body(Map.of("userId", "u2", "itemId", "i3", "tags", List.of("indie")))
                .when().post("/api/v1/tags").then().statusCode(400).body("field", equalTo("eventId"));
        assertThat(count("MATCH (e:TagEvent) WHERE e.eventId IN ['e3', 'e4', 'e5'] RETURN count(e) AS c")).isZero();
        assertThat(count("MATCH (t:Tag {id: 'padded'}) RETURN count(t) AS c")).isZero();
    }

    @Test
    @Order(7)
    void aNewUserIsCreatedByTheirFirstAssignment() {
        given().when().get("/api/v1/items/i2/tags?user=u9").then().statusCode(404);
        withKey().body(assignment("e6", "u9", "i2", List.of("t3")))
                .when().post("/api/v1/tags").then().statusCode(201).body("tagIds", contains("t3"));
        given().when().get("/api/v1/items/i2/tags?user=u9").then().statusCode(200)
                .body("tags[0].id", equalTo("t3"))
                .body("tags[0].explanation.source", hasItem("user"));
    }

    @Test
    @Order(8)
    void anItemAddedWithTextOnlyGetsTheTagsOfItemsWithSimilarText() {
        withKey().body(Map.of("name", "Nova", "text", "British indie rock band from Manchester"))
                .when().put("/api/v1/items/n1").then().statusCode(201);
        withKey().body(assignment("e7", "u2", "n1", List.of("madchester")))
                .when().post("/api/v1/tags").then().statusCode(201);
        withKey().body(Map.of("name", "Nebula", "text", "Indie rock group from Manchester, England"))
                .when().put("/api/v1/items/n2").then().statusCode(201);
        // n2 has no tags of its own: its tags come from n1, the only tagged item with text
        given().when().get("/api/v1/items/n2/tags").then().statusCode(200)
                .body("tags.find { it.id == 'madchester' }.explanation[0].source", equalTo("content"))
                .body("tags.find { it.id == 'madchester' }.explanation[0].items", contains("Nova"))
                .body("tags.find { it.id == 'madchester' }.explanation[0].text", startsWith("on 1 item with similar text"));
    }
}
