package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explanation and similar-item routes on service/src/test/resources/fixture.cypher. */
@QuarkusTest
class ExplainAndSimilarTest {
    private static final double IDF_ROCK = 1 / Math.log(5);
    private static final double IDF_UK = 1 / Math.log(4);

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void explainsAUserItemPairWithPathsUpToThreeHops() {
        // u1 liked i1. To i3: the co-entity link (2 shared), via rock, 3 hops i1 -CO_ENTITY(1 shared)-
        // i2 -genre- rock -genre- i3 (i2 has 2 relationships), and last, though it weighs most, via uk,
        // which has no name.
        given().when().get("/api/v1/users/u1/explanations/i3")
                .then().statusCode(200)
                .body("maxHops", equalTo(3))
                .body("paths.weight", contains(closeTo(2.0 / 3.0, 1e-9), closeTo(IDF_ROCK, 1e-9),
                        closeTo(0.5 / Math.log(4) * IDF_ROCK, 1e-9), closeTo(IDF_UK, 1e-9)))
                .body("paths[2].hops.relation", contains("INTERACTED", "CO_ENTITY", "music.artist.genre",
                        "music.artist.genre"))
                .body("paths[3].text", equalTo("You liked Alpha; Alpha -[music.artist.origin]-> unnamed origin (Entity uk) "
                        + "<-[music.artist.origin]- Gamma"))
                // the unnamed entity's kind, as its relation says; named nodes have none
                .body("paths[3].hops[1].to.kind", equalTo("origin"))
                .body("paths[3].hops[2].from.kind", equalTo("origin"))
                .body("paths[1].hops[1].to.kind", nullValue());
        given().when().get("/api/v1/users/u1/explanations/i3?hops=1&paths=1")
                .then().statusCode(200).body("paths.weight", contains(closeTo(2.0 / 3.0, 1e-9)));
    }

    @Test
    void explanationErrorsNameTheField() {
        given().when().get("/api/v1/users/nobody/explanations/i3").then().statusCode(404).body("field", equalTo("userId"));
        given().when().get("/api/v1/users/u1/explanations/nothing").then().statusCode(404).body("field", equalTo("itemId"));
        given().when().get("/api/v1/users/u1/explanations/i3?hops=0").then().statusCode(400).body("field", equalTo("hops"));
        given().when().get("/api/v1/users/u1/explanations/i3?paths=x").then().statusCode(400).body("field", equalTo("paths"));
    }

    @Test
    void similarItemsWithoutVectorsComeFromSharedEntities() {
        given().when().get("/api/v1/items/i1/similar?k=2")
                .then().statusCode(200)
                .body("itemId", equalTo("i1"))
                .body("items.itemId", contains("i3", "i2"))
                .body("items.source", contains("kg", "kg"))
                .body("items[0].score", closeTo(1.0, 1e-9))
                .body("items[1].score", closeTo(IDF_ROCK / (IDF_ROCK + IDF_UK), 1e-9))
                .body("items[0].shared.id", contains("rock", "uk"))
                .body("items[0].shared.relation", contains("music.artist.genre", "music.artist.origin"));
        given().when().get("/api/v1/items/i1/similar?k=2&entity=uk")
                .then().statusCode(200).body("items.itemId", contains("i3"));
    }

    @Test
    void similarErrorsNameTheField() {
        given().when().get("/api/v1/items/nothing/similar").then().statusCode(404).body("field", equalTo("itemId"));
        given().when().get("/api/v1/items/i1/similar?k=0").then().statusCode(400).body("field", equalTo("k"));
        given().when().get("/api/v1/items/i1/similar?entity=nowhere").then().statusCode(400).body("field", equalTo("entity"));
    }
}
