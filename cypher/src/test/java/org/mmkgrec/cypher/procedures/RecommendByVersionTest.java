package org.mmkgrec.cypher.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * mmkg.recommend from a trained model version: the procedure fixture plus a hand-made active
 * version (2-d vectors stored MIPS-augmented as the embedding module writes them) and its index.
 */
class RecommendByVersionTest {
    private static Neo4j server;
    private static Driver driver;

    @BeforeAll
    static void start() throws IOException {
        String fixture;
        try (InputStream in = RecommendByVersionTest.class.getResourceAsStream("/procedure-fixture.cypher")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withProcedure(RecommendProcedures.class).withFixture(fixture).build();
        driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
        try (Session s = driver.session()) {
            s.run("CREATE VECTOR INDEX mmkg_vec_t1 FOR (n:Item) ON (n.vec_t1) OPTIONS {indexConfig: "
                    + "{`vector.dimensions`: 3, `vector.similarity_function`: 'euclidean', `vector.quantization.enabled`: false}}");
            // items [x, y, sqrt(1 - x^2 - y^2)]: all of norm 1; u1 = [1, 0, 0]; u2 has no vector (arrived later)
            s.run("""
                    UNWIND [['i1', 1.0], ['i2', 0.1], ['i3', 0.9], ['i4', 0.5], ['i5', 0.95]] AS row
                    MATCH (i:Item {id: row[0]}) SET i.vec_t1 = [row[1], 0.0, sqrt(1 - row[1] * row[1])]""");
            s.run("MATCH (u:User {id: 'u1'}) SET u.vec_t1 = [1.0, 0.0, 0.0]");
            s.run("CREATE (:ModelVersion {id: 't1', model: 'toy', property: 'vec_t1', index: 'mmkg_vec_t1', "
                    + "status: 'complete', active: true})");
            s.run("CALL db.awaitIndexes(60)");
        }
    }

    @AfterAll
    static void stop() {
        driver.close();
        server.close();
    }

    private static List<Record> run(String query) {
        try (Session session = driver.session()) {
            return session.run(query).list();
        }
    }

    @Test
    void theActiveVersionRanksByDotProductWithoutSeenItems() {
        // u1 saw i1 and i5: i3 (0.9), i4 (0.5), i2 (0.1)
        List<Record> rows = run("CALL mmkg.recommend('u1', 3, {maxPaths: 1}) YIELD itemId, score, source, model, explanations RETURN *");
        assertThat(rows).extracting(r -> r.get("itemId").asString()).containsExactly("i3", "i4", "i2");
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(rows).extracting(r -> r.get("model").asString()).containsOnly("t1");
        assertThat(rows).extracting(r -> r.get("source").asString()).containsOnly("toy");
        // explanations come from the graph as for every model
        assertThat(rows.get(0).get("explanations").asList()).hasSize(1);
    }

    @Test
    void hybridOnRequestAndForAUserWithoutAVector() {
        assertThat(run("CALL mmkg.recommend('u1', 1, {model: 'hybrid'}) YIELD itemId, model RETURN *"))
                .extracting(r -> r.get("model").asString() + ":" + r.get("itemId").asString()).containsExactly("hybrid:i2");
        assertThat(run("CALL mmkg.recommend('u2', 1, {}) YIELD model RETURN model"))
                .extracting(r -> r.get("model").asString()).containsExactly("hybrid");
        assertThat(run("CALL mmkg.recommend('u1', 1, {model: 't1'}) YIELD itemId RETURN itemId"))
                .extracting(r -> r.get("itemId").asString()).containsExactly("i3");
        assertThatThrownBy(() -> run("CALL mmkg.recommend('u1', 1, {model: 'nope'})"))
                .hasMessageContaining("config.model: no complete model version `nope`");
    }
}
