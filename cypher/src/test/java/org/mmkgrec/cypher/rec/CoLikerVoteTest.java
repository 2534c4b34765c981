package org.mmkgrec.cypher.rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mmkgrec.cypher.procedures.RecommendProcedures;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The cf term's votes: two co-likers share the same two items with {@code u}; the heavy one liked
 * 13 items, the light one 3. Each votes overlap / sqrt(its liked items), so the light co-liker's
 * other item outranks the heavy one's (raw overlap would tie them).
 */
class CoLikerVoteTest {
    private static Neo4j server;
    private static Driver driver;

    @BeforeAll
    static void start() {
        String heavyItems = IntStream.rangeClosed(1, 10)
                .mapToObj(k -> "(p" + k + ":Item {id: 'p" + k + "', popularity: 1}), (heavy)-[:INTERACTED {label: 1, split: 'train'}]->(p" + k + ")")
                .collect(Collectors.joining(",\n"));
        String fixture = """
                CREATE (u:User {id: 'u'}), (heavy:User {id: 'heavy'}), (light:User {id: 'light'}),
                       (a:Item {id: 'a', popularity: 3}), (b:Item {id: 'b', popularity: 3}),
                       (x:Item {id: 'x', popularity: 1}), (y:Item {id: 'y', popularity: 1}),
                       (u)-[:INTERACTED {label: 1, split: 'train'}]->(a), (u)-[:INTERACTED {label: 1, split: 'train'}]->(b),
                       (heavy)-[:INTERACTED {label: 1, split: 'train'}]->(a), (heavy)-[:INTERACTED {label: 1, split: 'train'}]->(b),
                       (heavy)-[:INTERACTED {label: 1, split: 'train'}]->(x),
                       (light)-[:INTERACTED {label: 1, split: 'train'}]->(a), (light)-[:INTERACTED {label: 1, split: 'train'}]->(b),
                       (light)-[:INTERACTED {label: 1, split: 'train'}]->(y),
                """ + heavyItems;
        server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withProcedure(RecommendProcedures.class).withFixture(fixture).build();
        driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
    }

    @AfterAll
    static void stop() {
        driver.close();
        server.close();
    }

    @Test
    void aLightCoLikerVotesMoreThanAHeavyOneWithTheSameOverlap() {
        List<Record> rows;
        try (Session session = driver.session()) {
            rows = session.run("CALL mmkg.recommend($u, 20, $config) YIELD itemId, score RETURN itemId, score",
                    Map.of("u", "u", "config", Map.of("explain", false,
                            "weights", Map.of("cf", 1.0, "kg", 0.0, "content", 0.0, "pop", 0.0)))).list();
        }
        Map<String, Double> score = rows.stream().collect(Collectors.toMap(r -> r.get("itemId").asString(), r -> r.get("score").asDouble()));
        assertThat(rows.get(0).get("itemId").asString()).isEqualTo("y");
        assertThat(score.get("y")).isCloseTo(1.0, within(1e-9));
        // (2 / sqrt(13)) / (2 / sqrt(3)), the maximum
        assertThat(score.get("x")).isCloseTo(Math.sqrt(3.0 / 13.0), within(1e-9));
        assertThat(score.get("p7")).isCloseTo(score.get("x"), within(1e-12));
    }
}
