package org.mmkgrec.service.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no API key configured the write routes are closed (403), whatever key a client sends. */
@QuarkusTest
@TestProfile(NoApiKeyTest.NoKey.class)
class NoApiKeyTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mmkg.api.key", "");
        }
    }

    @Test
    void writesAre403() {
        given().contentType(ContentType.JSON).header("X-API-Key", "").body(Map.of("name", "x"))
                .when().put("/api/v1/users/u7")
                .then().statusCode(403).body("field", equalTo("X-API-Key"));
        given().when().get("/api/v1/users/u1/recommendations?k=1").then().statusCode(200);
    }
}
