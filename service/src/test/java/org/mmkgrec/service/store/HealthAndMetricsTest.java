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
    void prometheusMetricsShowGraphSizeModelAndErrors() {
        given().when().get("/api/v1/users/nobody/recommendations").then().statusCode(404);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("mmkg_graph_items 5.0"))
                .body(containsString("mmkg_graph_users 2.0"))
                .body(containsString("mmkg_model_info{model=\"hybrid\"} 1.0"))
                .body(containsString("mmkg_api_errors_total{error=\"not_found\",status=\"404\"}"));
    }

    @Test
    void openApiDescribesEveryRoute() {
        String spec = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String route : new String[] {"/api/v1/users/{userId}/recommendations",
                "/api/v1/users/{userId}/explanations/{itemId}", "/api/v1/items/{itemId}/similar",
                "/api/v1/items/{itemId}", "/api/v1/users/{userId}", "/api/v1/interactions"}) {
            org.assertj.core.api.Assertions.assertThat(spec).contains("\"" + route + "\"");
        }
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
