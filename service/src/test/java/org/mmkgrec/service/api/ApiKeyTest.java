package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Write routes without the right X-API-Key are refused before anything is read or written. */
@QuarkusTest
class ApiKeyTest {

    @Test
    void writesWithoutOrWithAWrongKeyAre401() {
        for (String[] route : new String[][] {{"PUT", "/api/v1/users/u7"}, {"PUT", "/api/v1/items/x7"},
                {"POST", "/api/v1/interactions"}, {"POST", "/api/v1/tags"}}) {
            given().contentType(ContentType.JSON).body(Map.of("name", "x"))
                    .when().request(route[0], route[1])
                    .then().statusCode(401).body("field", equalTo("X-API-Key"))
                    .body(not(containsString("test-secret-key")));
            given().contentType(ContentType.JSON).header("X-API-Key", "test-secret-kez").body(Map.of("name", "x"))
                    .when().request(route[0], route[1])
                    .then().statusCode(401);
        }
        given().when().get("/api/v1/users/u7/recommendations").then().statusCode(404);
    }
}
