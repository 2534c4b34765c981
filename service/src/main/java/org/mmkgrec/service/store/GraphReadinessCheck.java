package org.mmkgrec.service.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the graph answers and holds items: the data set is loaded and the database is available. */
@Readiness
@ApplicationScoped
public class GraphReadinessCheck implements HealthCheck {

    @Inject
    GraphBackend graph;

    @Override
    public HealthCheckResponse call() {
        boolean available = graph.available(1_000);
        long items = 0;
        if (available) {
            try {
                items = ((Number) graph.read("MATCH (i:Item) RETURN count(i) AS c", Map.of()).get(0).get("c")).longValue();
            } catch (RuntimeException e) {
                available = false;
            }
        }
        return HealthCheckResponse.named("graph").status(available && items > 0)
                .withData("available", available).withData("items", items)
                .withData("store", graph.describe()).build();
    }
}
