package org.mmkgrec.service.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.List;

/**
 * Prometheus gauges beside Quarkus's per-route latency histograms: the graph's size (nodes,
 * relationships, users, items; from Neo4j's count store, instant at any size) and the model that
 * answers by default ({@code mmkg_model_info{model=...} 1}: the active trained version, or hybrid).
 */
@Startup
@ApplicationScoped
public class GraphMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    GraphBackend graph;

    @PostConstruct
    void register() {
        gauge("mmkg.graph.nodes", "MATCH (n) RETURN count(n) AS c", "nodes in the graph");
        gauge("mmkg.graph.relationships", "MATCH ()-[r]->() RETURN count(r) AS c", "relationships in the graph");
        gauge("mmkg.graph.users", "MATCH (n:User) RETURN count(n) AS c", "users");
        gauge("mmkg.graph.items", "MATCH (n:Item) RETURN count(n) AS c", "items");
        List<Map<String, Object>> active = graph.read("MATCH (v:ModelVersion {active: true}) RETURN v.id AS id", Map.of());
        String model = active.isEmpty() ? "hybrid" : String.valueOf(active.get(0).get("id"));
        Gauge.builder("mmkg.model.info", () -> 1).tag("model", model)
                .description("the model answering recommendations by default (at service start)").register(registry);
    }

    private void gauge(String name, String query, String description) {
        Gauge.builder(name, () -> count(query)).description(description).register(registry);
    }

    private double count(String query) {
        try {
            return ((Number) graph.read(query, Map.of()).get(0).get("c")).doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
