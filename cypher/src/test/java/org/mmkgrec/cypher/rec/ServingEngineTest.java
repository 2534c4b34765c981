package org.mmkgrec.cypher.rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The serving engine against the store recommender it replaces on the hot path, on a seeded random
 * graph: the same items, scores and sources, the same explanation weights, every path's hops stored
 * relationships, and all of it still true right after commits that add, change and delete.
 */
class ServingEngineTest {
    private static final String[] RELATIONS = {"music.artist.genre", "music.artist.origin", "related_to"};

    private Neo4j server;
    private GraphDatabaseService db;
    private final Random random = new Random(7);

    @BeforeEach
    void start() {
        server = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
        db = server.defaultDatabaseService();
        randomGraph(40, 60, 30, 8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Users u0.., items i0.. (Item:Entity), entities e0.. (half named), tags t0.., interactions of both labels and splits. */
    private void randomGraph(int users, int items, int entities, int tags) {
        List<Map<String, Object>> inter = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int n = 2 + random.nextInt(8);
            for (int j = 0; j < n; j++) {
                // popularity skew: low item numbers more often
                int i = (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 3);
                inter.add(Map.of("u", "u" + u, "i", "i" + i, "label", random.nextInt(4) == 0 ? 0L : 1L,
                        "split", random.nextInt(5) == 0 ? "eval" : "train"));
            }
        }
        List<Map<String, Object>> kg = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            int n = 1 + random.nextInt(3);
            for (int j = 0; j < n; j++) {
                kg.add(Map.of("i", "i" + i, "e", "e" + random.nextInt(entities), "rel", RELATIONS[random.nextInt(3)]));
            }
        }
        List<Map<String, Object>> tagged = new ArrayList<>();
        for (int i = 0; i < items; i += 2) {
            tagged.add(Map.of("i", "i" + i, "t", "t" + random.nextInt(tags), "count", (long) (1 + random.nextInt(5))));
        }
        try (Transaction tx = db.beginTx()) {
            tx.execute("UNWIND range(0, $n - 1) AS k CREATE (:User {id: 'u' + k})", Map.of("n", users));
            tx.execute("UNWIND range(0, $n - 1) AS k CREATE (:Item:Entity {id: 'i' + k, entityId: 'i' + k, name: 'Item ' + k})",
                    Map.of("n", items));
            tx.execute("UNWIND range(0, $n - 1) AS k CREATE (e:Entity {entityId: 'e' + k}) "
                    + "WITH e, k WHERE k % 2 = 0 SET e.name = 'Entity name ' + k", Map.of("n", entities));
            tx.execute("UNWIND range(0, $n - 1) AS k CREATE (:Tag {id: 't' + k, name: 'tag' + k})", Map.of("n", tags));
            tx.execute("UNWIND $rows AS r MATCH (u:User {id: r.u}), (i:Item {id: r.i}) "
                    + "CREATE (u)-[:INTERACTED {label: r.label, split: r.split}]->(i)", Map.of("rows", inter));
            tx.execute("UNWIND $rows AS r MATCH (i:Item {id: r.i}), (e:Entity {entityId: r.e}) "
                    + "CREATE (i)-[:$(r.rel)]->(e)", Map.of("rows", kg));
            tx.execute("UNWIND $rows AS r MATCH (i:Item {id: r.i}), (t:Tag {id: r.t}) "
                    + "CREATE (i)-[:TAGGED_WITH {count: r.count}]->(t)", Map.of("rows", tagged));
            // co-entity links as the loader writes them (more than one shared entity), smaller id to larger
            tx.execute("MATCH (a:Item)-[r1]->(e:Entity)<-[r2]-(b:Item) WHERE a.id < b.id AND NOT e:Item "
                    + "WITH a, b, count(DISTINCT e) AS shared WHERE shared > 1 CREATE (a)-[:CO_ENTITY {shared: shared}]->(b)");
            tx.execute("MATCH (i:Item) SET i.popularity = COUNT { (i)<-[:INTERACTED {label: 1}]-() }");
            // the loader's stored degree on some entities
            tx.execute("MATCH (e:Entity) WHERE NOT e:Item AND e.entityId ENDS WITH '3' SET e.degree = COUNT { (e)--() } + 5");
            tx.commit();
        }
    }

    private static final List<Map<String, Object>> CONFIGS = List.of(
            Map.of("weights", Map.of("content", 0.0)),
            Map.of("weights", Map.of("content", 0.0), "maxHops", 3L, "maxPaths", 5L),
            Map.of("weights", Map.of("content", 0.0), "trainingOnly", true, "neighbours", 3L),
            Map.of("weights", Map.of("content", 0.0, "kg", 1.0, "cf", 0.5), "excludeSeen", false, "hubDegree", 6L),
            Map.of("weights", Map.of("content", 0.0), "tags", List.of("tag1", "tag2")),
            Map.of("weights", Map.of("content", 0.0), "entities", List.of("e4", "e5", "i3")));

    /** The engine's rows equal the store recommender's for every user and config (path order among equal weights aside). */
    private void assertSameAsStore(int users) {
        ServingEngine engine = ServingEngine.of(db);
        for (Map<String, Object> raw : CONFIGS) {
            RecConfig config = RecConfig.parse(raw, 2);
            for (int u = 0; u < users; u++) {
                String user = "u" + u;
                List<Map<String, Object>> fast = engine.recommendRows(user, 10, config).orElseThrow();
                List<Map<String, Object>> store;
                try (Transaction tx = db.beginTx()) {
                    store = Rows.recommend(tx, user, 10, config);
                }
                String where = user + " " + raw;
                assertThat(fast).as(where).hasSameSizeAs(store);
                for (int j = 0; j < fast.size(); j++) {
                    Map<String, Object> a = fast.get(j), b = store.get(j);
                    assertThat(a.get("itemId")).as(where + " rank " + j).isEqualTo(b.get("itemId"));
                    assertThat((double) a.get("score")).as(where).isCloseTo((double) b.get("score"), within(1e-9));
                    assertThat(a.get("source")).as(where).isEqualTo(b.get("source"));
                    assertThat(a.get("model")).isEqualTo(b.get("model"));
                    assertThat(weights(a)).as(where + " " + a.get("itemId")).containsExactlyElementsOf(weights(b));
                    // each sentence runs from the user's history to this item
                    assertThat(texts(a)).as(where).allSatisfy(t -> assertThat(t).startsWith("You liked ")
                            .endsWith(" " + a.get("name")));
                }
                assertFaithful(engine.recommend(user, 10, config).orElseThrow());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Double> weights(Map<String, Object> row) {
        List<Double> w = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) row.get("explanations")) {
            w.add((Double) e.get("weight"));
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("explanations")).stream().map(e -> (String) e.get("text")).toList();
    }

    /** Every hop of every path is a stored relationship joining the path's consecutive nodes, as the hop says. */
    @SuppressWarnings({"deprecation", "unchecked"})
    private void assertFaithful(ServingEngine.Answer answer) {
        try (Transaction tx = db.beginTx()) {
            for (ServingEngine.Item it : answer.items()) {
                assertThat(tx.getNodeById(it.nodeId()).getProperty("id")).isEqualTo(it.itemId());
                for (ServingEngine.PathRef p : it.paths()) {
                    List<Map<String, Object>> hops = (List<Map<String, Object>>) p.map().get("hops");
                    assertThat(hops).hasSize(p.relIds().length);
                    assertThat(p.nodeIds()[p.nodeIds().length - 1]).isEqualTo(it.nodeId());
                    for (int j = 0; j < p.relIds().length; j++) {
                        Relationship r = tx.getRelationshipById(p.relIds()[j]);
                        Map<String, Object> hop = hops.get(j);
                        long from = p.nodeIds()[j], to = p.nodeIds()[j + 1];
                        boolean forward = (Boolean) hop.get("forward");
                        assertThat(r.getType().name()).isEqualTo(hop.get("relation"));
                        assertThat(r.getStartNodeId()).isEqualTo(forward ? from : to);
                        assertThat(r.getEndNodeId()).isEqualTo(forward ? to : from);
                        Node fromNode = tx.getNodeById(from);
                        Object id = ((Map<String, Object>) hop.get("from")).get("id");
                        assertThat(id).isEqualTo(fromNode.hasLabel(Names.USER) || fromNode.hasLabel(Names.ITEM)
                                || fromNode.hasLabel(Names.TAG) ? fromNode.getProperty("id") : fromNode.getProperty("entityId"));
                    }
                }
            }
        }
    }

    @Test
    void answersAsTheStoreRecommenderWithFaithfulPaths() {
        assertSameAsStore(30);
    }

    @Test
    void explainMatchesTheStoreExplainer() {
        ServingEngine engine = ServingEngine.of(db);
        RecConfig config = RecConfig.parse(Map.of("maxPaths", 4L), 3);
        int compared = 0;
        for (int u = 0; u < 40; u += 3) {
            for (int i = 0; i < 60; i += 7) {
                List<ServingEngine.PathRef> fast = engine.explain("u" + u, "i" + i, config);
                List<Map<String, Object>> store;
                try (Transaction tx = db.beginTx()) {
                    store = Rows.explain(tx, "u" + u, "i" + i, config);
                }
                assertThat(fast.stream().map(ServingEngine.PathRef::weight).toList())
                        .containsExactlyElementsOf(store.stream().map(m -> (Double) m.get("weight")).toList());
                compared += fast.size();
            }
        }
        assertThat(compared).as("paths compared").isGreaterThan(50);
        assertThatThrownBy(() -> engine.explain("nobody", "i1", config)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> engine.explain("u1", "nothing", config)).isInstanceOf(NotFound.class);
    }

    /** Similar items by shared KG entities (no text vectors here): the store recommender's answer, with the same shared entities. */
    @Test
    void similarMatchesTheStoreRecommender() {
        ServingEngine engine = ServingEngine.of(db);
        for (Map<String, Object> raw : List.<Map<String, Object>>of(Map.of(), Map.of("tags", List.of("tag1", "tag3")))) {
            RecConfig config = RecConfig.parse(raw, 2);
            for (int i = 0; i < 60; i += 3) {
                List<Map<String, Object>> fast = engine.similarRows("i" + i, 5, config);
                List<Map<String, Object>> store;
                try (Transaction tx = db.beginTx()) {
                    store = Rows.similar(tx, "i" + i, 5, config);
                }
                assertThat(fast).hasSameSizeAs(store);
                for (int j = 0; j < fast.size(); j++) {
                    assertThat(fast.get(j).get("itemId")).as("i" + i + " " + raw).isEqualTo(store.get(j).get("itemId"));
                    assertThat((double) fast.get(j).get("score")).isCloseTo((double) store.get(j).get("score"), within(1e-9));
                    assertThat(fast.get(j).get("source")).isEqualTo(store.get(j).get("source"));
                    assertThat(fast.get(j).get("shared")).isEqualTo(store.get(j).get("shared"));
                }
            }
        }
    }

    @Test
    void commitsArePatchedInBeforeTheWriterReturns() {
        ServingEngine engine = ServingEngine.of(db);
        engine.warm();
        for (int round = 0; round < 4; round++) {
            try (Transaction tx = db.beginTx()) {
                // new interactions (some by a new user), a new item with KG links, tags and a co-entity link,
                // a deleted KG relationship, a renamed entity, a changed popularity
                tx.execute("MATCH (u:User {id: $u}), (i:Item {id: $i}) CREATE (u)-[:INTERACTED {label: 1, split: 'online'}]->(i) "
                        + "SET i.popularity = i.popularity + 1", Map.of("u", "u" + random.nextInt(40), "i", "i" + random.nextInt(60)));
                tx.execute("MERGE (u:User {id: $u}) WITH u MATCH (i:Item {id: $i}) CREATE (u)-[:INTERACTED {label: 1, split: 'online'}]->(i)",
                        Map.of("u", "new" + round, "i", "i" + random.nextInt(20)));
                tx.execute("CREATE (n:Item:Entity {id: $id, entityId: $id, name: $id, popularity: 0}) WITH n "
                        + "MATCH (e:Entity {entityId: $e}), (t:Tag {id: 't1'}), (o:Item {id: 'i1'}) "
                        + "CREATE (n)-[:`music.artist.genre`]->(e), (n)-[:TAGGED_WITH {count: 2}]->(t), (o)-[:CO_ENTITY {shared: 3}]->(n)",
                        Map.of("id", "n" + round, "e", "e" + random.nextInt(30)));
                tx.execute("MATCH (:Item {id: $i})-[r:`music.artist.genre`|`music.artist.origin`|related_to]->() "
                        + "WITH r LIMIT 1 DELETE r", Map.of("i", "i" + random.nextInt(60)));
                tx.execute("MATCH (e:Entity {entityId: $e}) SET e.name = 'renamed ' + $e", Map.of("e", "e" + random.nextInt(30)));
                tx.commit();
            }
            assertSameAsStore(8);
            assertThat(engine.recommendRows("new" + round, 5, RecConfig.defaults())).isPresent();
        }
        // a whole item deleted with its relationships: gone from the answers at once
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (i:Item {id: 'i0'}) DETACH DELETE i");
            tx.commit();
        }
        assertSameAsStore(12);
        assertThatThrownBy(() -> engine.explain("u1", "i0", RecConfig.defaults())).isInstanceOf(NotFound.class);
    }

    @Test
    void anActivatedModelVersionIsServedAtOnce() {
        ServingEngine engine = ServingEngine.of(db);
        assertThat(engine.recommend("u1", 3, RecConfig.defaults()).orElseThrow().model()).isEqualTo("hybrid");
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (i:Item) SET i.vec_v1 = [toFloat(size(i.id)), 1.0 / (1 + toInteger(substring(i.id, 1))), 0.0]");
            tx.execute("MATCH (u:User {id: 'u1'}) SET u.vec_v1 = [0.0, 1.0, 0.0]");
            tx.execute("CREATE (:ModelVersion {id: 'v1', model: 'toy', property: 'vec_v1', index: 'none', "
                    + "status: 'complete', active: true})");
            tx.commit();
        }
        ServingEngine.Answer a = engine.recommend("u1", 3, RecConfig.defaults()).orElseThrow();
        assertThat(a.model()).isEqualTo("v1");
        // the dot product with u1 = [0, 1, 0] is 1 / (1 + n): the smallest unseen item numbers first
        Map<String, Integer> seen = new HashMap<>();
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (:User {id: 'u1'})-[:INTERACTED]->(i) RETURN i.id AS id").forEachRemaining(r -> seen.put((String) r.get("id"), 1));
        }
        List<String> expected = new ArrayList<>();
        for (int n = 0; expected.size() < 3; n++) {
            if (!seen.containsKey("i" + n)) {
                expected.add("i" + n);
            }
        }
        assertThat(a.items()).extracting(ServingEngine.Item::itemId).containsExactlyElementsOf(expected);
        assertThat(a.items()).extracting(ServingEngine.Item::source).containsOnly("toy");
        // a user without a vector gets the hybrid answer; another version than the active one is the store's
        assertThat(engine.recommend("u2", 3, RecConfig.defaults()).orElseThrow().model()).isEqualTo("hybrid");
        assertThat(engine.recommend("u1", 3, RecConfig.parse(Map.of("model", "v0"), 2))).isEmpty();
        // a second version written, then made active in a transaction of its own: served from the next call
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (i:Item) SET i.vec_v2 = [toFloat(toInteger(substring(i.id, 1)))]");
            tx.execute("MATCH (u:User {id: 'u2'}) SET u.vec_v2 = [1.0]");
            tx.execute("CREATE (:ModelVersion {id: 'v2', model: 'toy2', property: 'vec_v2', index: 'none', status: 'complete'})");
            tx.commit();
        }
        assertThat(engine.recommend("u1", 3, RecConfig.defaults()).orElseThrow().model()).isEqualTo("v1");
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (v:ModelVersion) SET v.active = (v.id = 'v2')");
            tx.commit();
        }
        ServingEngine.Answer second = engine.recommend("u2", 3, RecConfig.defaults()).orElseThrow();
        assertThat(second.model()).isEqualTo("v2");
        // the largest item numbers first, unseen ones only
        assertThat(second.items()).extracting(ServingEngine.Item::source).containsOnly("toy2");
        assertThat(Integer.parseInt(second.items().get(0).itemId().substring(1))).isGreaterThan(50);
        assertThat(engine.recommend("u1", 3, RecConfig.defaults()).orElseThrow().model()).isEqualTo("hybrid");
    }

    @Test
    void contentCandidatesAreTheExactNearestByCosine() {
        try (Transaction tx = db.beginTx()) {
            tx.execute("MATCH (i:Item) WITH i, toInteger(substring(i.id, 1)) AS n "
                    + "CREATE (i)-[:HAS_TEXT]->(:Content {id: 'c' + i.id, embedding: [toFloat(n % 7), toFloat(n % 5) + 1, 1.0]})");
            tx.commit();
        }
        ServingEngine engine = ServingEngine.of(db);
        RecConfig contentOnly = RecConfig.parse(Map.of("weights", Map.of("cf", 0.0, "kg", 0.0, "content", 1.0, "pop", 0.0),
                "explain", false), 2);
        List<Map<String, Object>> rows = engine.recommendRows("u3", 5, contentOnly).orElseThrow();
        // brute force: cosine of each unseen item to the sum of u3's liked items' unit vectors
        Map<String, Double> expected = new HashMap<>();
        try (Transaction tx = db.beginTx()) {
            double[] p = new double[3];
            tx.execute("MATCH (:User {id: 'u3'})-[:INTERACTED {label: 1}]->(h)-[:HAS_TEXT]->(c) RETURN DISTINCT h, c.embedding AS v")
                    .forEachRemaining(r -> {
                        double[] v = (double[]) r.get("v");
                        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                        for (int d = 0; d < 3; d++) {
                            p[d] += v[d] / norm;
                        }
                    });
            double pn = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            tx.execute("MATCH (i:Item)-[:HAS_TEXT]->(c) WHERE NOT (:User {id: 'u3'})-[:INTERACTED]->(i) "
                    + "RETURN i.id AS id, c.embedding AS v").forEachRemaining(r -> {
                        double[] v = (double[]) r.get("v");
                        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                        expected.put((String) r.get("id"), (p[0] * v[0] + p[1] * v[1] + p[2] * v[2]) / pn / norm);
                    });
        }
        double fifth = expected.values().stream().sorted((a, b) -> Double.compare(b, a)).skip(4).findFirst().orElseThrow();
        assertThat(rows).hasSize(5);
        for (Map<String, Object> row : rows) {
            double cos = expected.get((String) row.get("itemId"));
            assertThat((double) row.get("score")).isCloseTo(cos, within(1e-5));
            assertThat(cos).isGreaterThanOrEqualTo(fifth - 1e-9);
        }
    }
}
