package org.mmkgrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.loader.LoadSummary;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.Rows;
import org.mmkgrec.cypher.rec.ServingEngine;
import org.mmkgrec.service.recommend.Explanation;
import org.mmkgrec.service.recommend.Hop;
import org.mmkgrec.service.recommend.Recommendation;
import org.mmkgrec.service.recommend.RecommendationList;
import org.mmkgrec.service.recommend.RecommendationService;
import org.mmkgrec.service.store.EmbeddedBackend;
import org.mmkgrec.service.recommend.RecommendationCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/** The real Last.FM + Satori data, loaded with no split: files -> graph -> recommendation. */
class LastFmEndToEndTest {
    @TempDir
    static Path dataDir;
    static GraphStore store;
    static LoadSummary first;
    static LoadConfig config;

    @BeforeAll
    static void load() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dataDir.resolve("graph"), "128m"));
        config = LoadConfig.defaults(SharedData.lastFm(), dataDir).withQuiet(true);
        first = new LoadJob(config).run(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    long count(String query) {
        return GraphCounts.count(store.db(), query);
    }

    @Test
    void graphHoldsTheExactPublishedCounts() {
        assertThat(count("MATCH (n:User) RETURN count(n) AS c")).isEqualTo(1_872);
        assertThat(count("MATCH (n:Item) RETURN count(n) AS c")).isEqualTo(3_846);
        assertThat(count("MATCH (n:Entity) RETURN count(n) AS c")).isEqualTo(9_366);
        assertThat(count("MATCH (n:Item:Entity) RETURN count(n) AS c")).isEqualTo(3_846);
        assertThat(count("MATCH (n:Entity) WHERE NOT n:Item RETURN count(n) AS c")).isEqualTo(5_520);
        String kg = "MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> 'CO_ENTITY' ";
        assertThat(count(kg + "RETURN count(r) AS c")).isEqualTo(15_518);
        assertThat(count(kg + "RETURN count(DISTINCT type(r)) AS c")).isEqualTo(60);
        assertThat(count("MATCH ()-[r:INTERACTED {label: 1}]->() RETURN count(r) AS c")).isEqualTo(21_173);
        assertThat(count("MATCH ()-[r:INTERACTED {label: 0}]->() RETURN count(r) AS c")).isEqualTo(21_173);
        // S_m = 0: 53,809 item pairs share at least one Satori entity (computed independently from kg.txt)
        assertThat(count("MATCH ()-[r:CO_ENTITY]->() RETURN count(r) AS c")).isEqualTo(53_809);
        assertThat(count("MATCH (:Item)-[:HAS_TEXT]->(c:Content {dim: 384}) RETURN count(c) AS c")).isEqualTo(3_846);
        assertThat(count("MATCH (:User)-[r:USED_TAG]->(:Tag) RETURN count(r) AS c")).isPositive();
        assertThat(first.heldOutTest()).isZero();
    }

    @Test
    void reloadingWritesNothing() {
        LoadSummary again = new LoadJob(config).run(store.db());
        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")).isEqualTo(42_346);
    }

    @Test
    void recommendsUnseenItemsExplainedByPathsFromTheUsersHistory() {
        RecommendationService service = new RecommendationService(new EmbeddedBackend(store.db(), "e2e", Duration.ZERO),
                new RecommendationCache(Duration.ZERO, Duration.ZERO, 1, new SimpleMeterRegistry()));
        RecommendationService.Options options = new RecommendationService.Options("hybrid", true, 3, 2, true,
                List.of(), List.of());
        RecommendationList list = service.recommend("0", 10, options);
        assertThat(list.items()).hasSize(10);
        Set<String> seen = new HashSet<>();
        Set<String> liked = new HashSet<>();
        try (Transaction tx = store.db().beginTx()) {
            tx.execute("MATCH (:User {id: '0'})-[r:INTERACTED]->(i:Item) RETURN i.id AS id, r.label AS label")
                    .forEachRemaining(r -> {
                        seen.add((String) r.get("id"));
                        if (((Number) r.get("label")).intValue() == 1) {
                            liked.add((String) r.get("id"));
                        }
                    });
        }
        List<Double> scores = list.items().stream().map(Recommendation::score).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        int explained = 0;
        for (Recommendation r : list.items()) {
            assertThat(seen).doesNotContain(r.itemId());
            if (r.explanations().isEmpty()) {
                continue;
            }
            explained++;
            List<Hop> hops = r.explanations().get(0).hops();
            assertThat(hops.get(0).relation()).isEqualTo("INTERACTED");
            assertThat(liked).contains(hops.get(0).to().id());
            assertThat(hops.get(hops.size() - 1).to().id()).isEqualTo(r.itemId());
            // after the interaction: Satori relation names (dotted), co-entity links or tags only
            assertThat(hops.subList(1, hops.size())).extracting(Hop::relation)
                    .allMatch(t -> t.contains(".") || t.equals("CO_ENTITY") || t.equals("TAGGED_WITH"));
        }
        // most items have a path within 2 hops of the history
        assertThat(explained).isGreaterThanOrEqualTo(8);
        // Satori's entities have ids, no names: on every list of the first users, paths through named
        // nodes only (tags, items) come before paths through such an entity, and no text shows a bare
        // id without saying what kind of node it is
        int paths = 0;
        for (int u = 0; u < 20; u++) {
            for (Recommendation r : service.recommend(String.valueOf(u), 10, options).items()) {
                List<Boolean> unnamed = r.explanations().stream().map(LastFmEndToEndTest::throughUnnamed).toList();
                assertThat(unnamed).isSortedAccordingTo(Boolean::compare);
                for (Explanation e : r.explanations()) {
                    assertThat(e.text()).doesNotContainPattern("(?<!\\()Entity \\d+");
                    paths++;
                }
            }
        }
        assertThat(paths).isGreaterThan(100);
        assertThat(Map.of("k", list.k())).containsEntry("k", 10);
    }

    /**
     * The serving engine on the real graph: every hop of every returned path is a stored relationship
     * joining the path's consecutive nodes in the direction the hop says, and the hybrid answer
     * (content term aside: the engine scans exactly where the store path asks the HNSW index) is the
     * store recommender's, item for item, score for score, path weight for path weight.
     */
    @Test
    @SuppressWarnings({"deprecation", "unchecked"})
    void theServingEngineAnswersAsTheStoreWithStoredPathsOnly() {
        ServingEngine engine = ServingEngine.of(store.db());
        RecConfig config = RecConfig.parse(Map.of("model", "hybrid", "weights", Map.of("content", 0.0)), 2);
        int hops = 0;
        for (int u = 0; u < 1872; u += 37) {
            String user = String.valueOf(u);
            ServingEngine.Answer answer = engine.recommend(user, 20, config).orElseThrow();
            List<Map<String, Object>> fromStore;
            try (Transaction tx = store.db().beginTx()) {
                fromStore = Rows.recommend(tx, user, 20, config);
                for (ServingEngine.Item it : answer.items()) {
                    for (ServingEngine.PathRef p : it.paths()) {
                        List<Map<String, Object>> hopMaps = (List<Map<String, Object>>) p.map().get("hops");
                        for (int j = 0; j < p.relIds().length; j++) {
                            Relationship r = tx.getRelationshipById(p.relIds()[j]);
                            boolean forward = (Boolean) hopMaps.get(j).get("forward");
                            assertThat(r.getType().name()).isEqualTo(hopMaps.get(j).get("relation"));
                            assertThat(r.getStartNodeId()).isEqualTo(forward ? p.nodeIds()[j] : p.nodeIds()[j + 1]);
                            assertThat(r.getEndNodeId()).isEqualTo(forward ? p.nodeIds()[j + 1] : p.nodeIds()[j]);
                            hops++;
                        }
                    }
                }
            }
            assertThat(answer.items()).hasSameSizeAs(fromStore);
            for (int j = 0; j < fromStore.size(); j++) {
                ServingEngine.Item it = answer.items().get(j);
                assertThat(it.itemId()).as("user " + user + " rank " + j).isEqualTo(fromStore.get(j).get("itemId"));
                assertThat(it.score()).isCloseTo((Double) fromStore.get(j).get("score"), within(1e-9));
                assertThat(it.paths()).extracting(ServingEngine.PathRef::weight).containsExactlyElementsOf(
                        ((List<Map<String, Object>>) fromStore.get(j).get("explanations")).stream()
                                .map(e -> (Double) e.get("weight")).toList());
            }
        }
        assertThat(hops).as("hops checked").isGreaterThan(1000);
    }

    /** Whether a path goes through a node without a name between the history item and the explained item. */
    private static boolean throughUnnamed(Explanation e) {
        List<Hop> hops = e.hops();
        return hops.subList(1, hops.size() - 1).stream().anyMatch(h -> h.to().name() == null);
    }
}
