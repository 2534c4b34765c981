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

    @Test
    @Order(7)
    void anItemAddedAfterTrainingGetsAVectorInTheActiveVersion() {
        // a hand-made active version t9 (2-d vectors stored MIPS-augmented, common item norm 1)
        graph.write("CREATE VECTOR INDEX mmkg_vec_t9 IF NOT EXISTS FOR (n:Item) ON (n.vec_t9) OPTIONS {indexConfig: "
                + "{`vector.dimensions`: 3, `vector.similarity_function`: 'euclidean', `vector.quantization.enabled`: false}}", Map.of());
        graph.write("""
                MATCH (i:Item) SET i.vec_t9 = CASE i.id WHEN 'n1' THEN [0.8, 0.0, 0.6] WHEN 'n2' THEN [0.6, 0.0, 0.8]
                    ELSE [0.0, 1.0, 0.0] END
                WITH count(*) AS done
                MATCH (u:User {id: 'u9'}) SET u.vec_t9 = [1.0, 0.0, 0.0]
                CREATE (:ModelVersion {id: 't9', model: 'toy', property: 'vec_t9', index: 'mmkg_vec_t9',
                        status: 'complete', active: true})""", Map.of());
        graph.read("CALL db.awaitIndexes(60)", Map.of());
        // n3 shares jazz with n1 and reads like n1 and n2: its vector is the mean of theirs, [0.7, 0]
        withKey().body(Map.of("name", "Nadir", "text", "Indie rock band from Manchester",
                        "entities", java.util.List.of(Map.of("id", "jazz", "relation", "music.artist.genre"))))
                .when().put("/api/v1/items/n3")
                .then().statusCode(201).body("detail", containsString("vector in the active model version"));
        Object v = graph.read("MATCH (i:Item {id: 'n3'}) RETURN i.vec_t9 AS v", Map.of()).get(0).get("v");
        float[] vector = (float[]) v;
        org.assertj.core.api.Assertions.assertThat(vector[0]).isCloseTo(0.7f, org.assertj.core.api.Assertions.within(1e-5f));
        org.assertj.core.api.Assertions.assertThat(vector[2]).isCloseTo((float) Math.sqrt(1 - 0.49),
                org.assertj.core.api.Assertions.within(1e-5f));
        // u9 saw n1: the version ranks n3 (0.7) above n2 (0.6)
        given().when().get("/api/v1/users/u9/recommendations?k=2&explain=false")
                .then().statusCode(200)
                .body("model", equalTo("t9"))
                .body("items.itemId", org.hamcrest.Matchers.contains("n3", "n2"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("modalityWeights")));
        // a version with attention fusion: the user's modality weights come with the answer
        graph.write("MATCH (v:ModelVersion {id: 't9'}) SET v.modalities = ['id', 'text'] "
                + "WITH v MATCH (u:User {id: 'u9'}) SET u.vec_t9_modalities = [0.25, 0.75]", Map.of());
        given().when().get("/api/v1/users/u9/recommendations?k=3&explain=false")
                .then().statusCode(200)
                .body("model", equalTo("t9"))
                .body("modalityWeights.id", equalTo(0.25f))
                .body("modalityWeights.text", equalTo(0.75f));
    }

    @Test
    @Order(8)
    void anItemWriteIsOneTransactionSoAFailingLastStepLeavesNothing() {
        // the active version's vectors are unreadable (strings): the last step of the write, the item's
        // model vector, fails after the item, its text and its KG link were written in the same transaction
        graph.write("MATCH (v:ModelVersion {id: 't9'}) SET v.active = false", Map.of());
        graph.write("MATCH (i:Item {id: 'n1'}) SET i.vec_b1 = 'not a vector' "
                + "CREATE (:ModelVersion {id: 'b1', property: 'vec_b1', status: 'complete', active: true})", Map.of());
        try {
            withKey().body(Map.of("name", "Broken", "text", "Indie rock band from Manchester",
                            "entities", java.util.List.of(Map.of("id", "jazz", "relation", "music.artist.genre"))))
                    .when().put("/api/v1/items/n5")
                    .then().statusCode(500).body("error", equalTo("internal_error"));
            assertCount("MATCH (i:Item {id: 'n5'}) RETURN count(i) AS c", 0);
            assertCount("MATCH (c:Content {id: 'n5/text'}) RETURN count(c) AS c", 0);
        } finally {
            graph.write("MATCH (v:ModelVersion {id: 'b1'}) DELETE v", Map.of());
            graph.write("MATCH (v:ModelVersion {id: 't9'}) SET v.active = true", Map.of());
        }
    }

    @Test
    @Order(9)
    void transientFailuresAreRetriedAndOtherFailuresRollBack() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        // a deadlock on the first attempt: rolled back (the node is not there twice) and run again
        graph.inWriteTransaction(tx -> {
            tx.run("CREATE (:RetryProbe {id: 'r1'})", Map.of());
            if (attempts.incrementAndGet() == 1) {
                throw new org.neo4j.graphdb.TransientTransactionFailureException(
                        org.neo4j.kernel.api.exceptions.Status.Transaction.DeadlockDetected, "deadlock (test)");
            }
            return null;
        });
        org.assertj.core.api.Assertions.assertThat(attempts.get()).isEqualTo(2);
        assertCount("MATCH (n:RetryProbe {id: 'r1'}) RETURN count(n) AS c", 1);
        // always transient: bounded (1 + mmkg.store.write-retries = 4 attempts), then the failure surfaces
        attempts.set(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> graph.inWriteTransaction(tx -> {
            attempts.incrementAndGet();
            throw new org.neo4j.graphdb.TransientTransactionFailureException(
                    org.neo4j.kernel.api.exceptions.Status.Transaction.DeadlockDetected, "deadlock (test)");
        })).isInstanceOf(org.neo4j.graphdb.TransientFailureException.class);
        org.assertj.core.api.Assertions.assertThat(attempts.get()).isEqualTo(4);
        // not transient: one attempt, nothing of it kept
        attempts.set(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> graph.inWriteTransaction(tx -> {
            attempts.incrementAndGet();
            tx.run("CREATE (:RetryProbe {id: 'r2'})", Map.of());
            throw new IllegalStateException("second part fails");
        })).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThat(attempts.get()).isEqualTo(1);
        assertCount("MATCH (n:RetryProbe {id: 'r2'}) RETURN count(n) AS c", 0);
    }

    @Test
    @Order(10)
    void idsAreNormalisedAndReservedOrForgedInputIsRefused() {
        // NFD "é" is stored as NFC: both spellings reach the same user
        withKey().body(Map.of("name", "Zoe")).when().put("/api/v1/users/cafe\u0301")
                .then().statusCode(201).body("id", equalTo("caf\u00e9"));
        withKey().body(Map.of("name", "Zoe")).when().put("/api/v1/users/caf\u00e9")
                .then().statusCode(200).body("created", equalTo(false));
        withKey().body(Map.of("entities", java.util.List.of(Map.of("id", "jazz", "relation", "CO_ENTITY"))))
                .when().put("/api/v1/items/n6").then().statusCode(400).body("field", equalTo("entities[0].relation"));
        withKey().body("{\"eventId\": \"a\\ud800\", \"userId\": \"u9\", \"itemId\": \"n1\"}")
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("eventId"));
        withKey().body(Map.of("text", "\u0000\u200b\u202e")).when().put("/api/v1/items/n6")
                .then().statusCode(400).body("field", equalTo("text"));
        withKey().body("{\"eventId\": \"e9\", \"userId\": \"u9\", \"itemId\": \"n1\", \"label\": 1.0}")
                .when().post("/api/v1/interactions").then().statusCode(400).body("field", equalTo("label"));
        assertCount("MATCH (i:Item {id: 'n6'}) RETURN count(i) AS c", 0);
        assertCount("MATCH ()-[r:INTERACTED {eventId: 'e9'}]->() RETURN count(r) AS c", 0);
    }
}
