package org.mmkgrec.service.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.neo4j.graphdb.GraphDatabaseService;

/** Ready when the graph answers: the data set is loaded and the database is available. */
@Readiness
@ApplicationScoped
public class GraphReadinessCheck implements HealthCheck {

    @Inject
    GraphDatabaseService db;

    @Override
    public HealthCheckResponse call() {
        boolean available = db.isAvailable(1_000);
        long items = available
                ? db.executeTransactionally("MATCH (i:Item) RETURN count(i) AS c", java.util.Map.of(),
                        r -> ((Number) r.next().get("c")).longValue())
                : 0;
        return HealthCheckResponse.named("graph").status(available && items > 0)
                .withData("available", available).withData("items", items).build();
    }
}
