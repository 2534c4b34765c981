package org.mmkgrec.service.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readyWhenTheGraphHoldsItems() {
        // the fixture graph has 5 items
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'graph' }.data.items", equalTo(5));
    }

    @Test
    void prometheusMetricsCountRequestsPerRoute() {
        given().when().get("/api/v1/users/u1/recommendations?k=1").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/users/{userId}/recommendations\""));
    }

    @Test
    void openApiDescribesTheRoute() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/users/{userId}/recommendations"));
    }
}
