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
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Path;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * mmkg.recommend / similar / explain inside a separate in-process Neo4j server, called over Bolt
 * like a remote client would, on a 10-node fixture with hand-computed answers.
 */
class RecommendProceduresTest {
    private static Neo4j server;
    private static Driver driver;

    private static final double IDF_ROCK = 1 / Math.log(5); // rock has 3 relationships
    private static final double IDF_UK = 1 / Math.log(4);   // uk has 2

    @BeforeAll
    static void start() throws IOException {
        String fixture;
        try (InputStream in = RecommendProceduresTest.class.getResourceAsStream("/procedure-fixture.cypher")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withProcedure(RecommendProcedures.class).withFixture(fixture).build();
        driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
    }

    @AfterAll
    static void stop() {
        driver.close();
        server.close();
    }

    private static List<Record> run(String query, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.run(query, params).list();
        }
    }

    @Test
    void recommendScoresByCoLikersThenKgThenPopularity() {
        List<Record> rows = run("CALL mmkg.recommend($u, 3, {}) YIELD rank, itemId, score, source RETURN *",
                Map.of("u", "u1"));
        assertThat(rows).extracting(r -> r.get("itemId").asString()).containsExactly("i2", "i3", "i4");
        // i2: cf 1 (u2 co-liked i1) + 0.3 * kg(rock)/kg(i3) + 0.05 * pop (the most popular candidate)
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(1 + 0.3 * IDF_ROCK / (IDF_ROCK + IDF_UK) + 0.05, within(1e-9));
        assertThat(rows.get(1).get("score").asDouble()).isCloseTo(0.3, within(1e-9));
        assertThat(rows.get(2).get("score").asDouble()).isCloseTo(0.0, within(1e-9));
        assertThat(rows).extracting(r -> r.get("source").asString()).containsExactly("cf", "kg", "popular");
        assertThat(rows).extracting(r -> r.get("rank").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void recommendExplainsEachItemWithItsBestPaths() {
        List<Record> rows = run("CALL mmkg.recommend('u1', 2, {maxPaths: 3}) YIELD itemId, paths, explanations "
                + "WHERE itemId = 'i3' RETURN paths, explanations", Map.of());
        List<Map<String, Object>> explanations = rows.get(0).get("explanations").asList(v -> v.asMap());
        // paths through named nodes first: the one through uk (no name) weighs most but comes last
        assertThat(explanations).extracting(e -> (String) e.get("text")).containsExactly(
                "You liked Alpha; Alpha -[CO_ENTITY]-> Gamma",
                "You liked Alpha; Alpha -[music.artist.genre]-> rock <-[music.artist.genre]- Gamma",
                "You liked Alpha; Alpha -[music.artist.origin]-> unnamed origin (Entity uk) <-[music.artist.origin]- Gamma");
        assertThat(explanations).extracting(e -> ((Number) e.get("weight")).doubleValue())
                .containsExactly(2.0 / 3.0, IDF_ROCK, IDF_UK);
        Path first = rows.get(0).get("paths").asList(v -> v.asPath()).get(2);
        assertThat(first.length()).isEqualTo(3);
        assertThat(first.start().get("id").asString()).isEqualTo("u1");
        assertThat(first.end().get("id").asString()).isEqualTo("i3");
    }

    @Test
    void recommendFiltersOnEntitiesAndTags() {
        assertThat(run("CALL mmkg.recommend('u1', 5, {entities: ['uk']}) YIELD itemId RETURN itemId", Map.of()))
                .extracting(r -> r.get("itemId").asString()).containsExactly("i3");
        assertThat(run("CALL mmkg.recommend('u1', 5, {tags: ['britpop']}) YIELD itemId RETURN itemId", Map.of()))
                .extracting(r -> r.get("itemId").asString()).containsExactly("i3", "i4");
        assertThat(run("CALL mmkg.recommend('u1', 5, {excludeSeen: false, entities: ['uk']}) YIELD itemId RETURN itemId",
                Map.of())).extracting(r -> r.get("itemId").asString()).containsExactly("i1", "i3");
    }

    @Test
    void explainReturnsPathsBestFirst() {
        List<Record> rows = run("CALL mmkg.explain('u1', 'i3', {}) YIELD rank, path, weight, hops RETURN *", Map.of());
        assertThat(rows).extracting(r -> r.get("weight").asDouble()).containsExactly(2.0 / 3.0, IDF_ROCK, IDF_UK);
        Map<String, Object> hop = rows.get(2).get("hops").asList(v -> v.asMap()).get(1);
        assertThat(hop).containsEntry("relation", "music.artist.origin").containsEntry("forward", true);
        Map<?, ?> to = (Map<?, ?>) hop.get("to");
        Map<?, ?> from = (Map<?, ?>) hop.get("from");
        assertThat(to.get("id")).isEqualTo("uk");
        assertThat(to.get("kind")).isEqualTo("origin");
        assertThat(from.get("name")).isEqualTo("Alpha");
        assertThat(from.get("kind")).isNull();
        assertThat(run("CALL mmkg.explain('u1', 'i3', {maxHops: 1}) YIELD weight RETURN weight", Map.of()))
                .extracting(r -> r.get("weight").asDouble()).containsExactly(2.0 / 3.0);
        // u2 liked i1: i1 -CO_ENTITY-> i3 -TAGGED_WITH-> britpop <- i4 is the only way, 3 hops
        List<Record> far = run("CALL mmkg.explain('u2', 'i4', {}) YIELD path, weight RETURN *", Map.of());
        assertThat(far).hasSize(1);
        assertThat(far.get(0).get("weight").asDouble())
                // co-entity 2/3; i3 has 4 relationships, britpop 2; tag hops count/(count+1): 3/4 and 1/2
                .isCloseTo(2.0 / 3.0 / Math.log(6) / Math.log(4) * 0.75 * 0.5, within(1e-9));
        assertThat(far.get(0).get("path").asPath().length()).isEqualTo(4);
        assertThat(run("CALL mmkg.explain('u2', 'i4', {maxHops: 2}) YIELD path RETURN path", Map.of())).isEmpty();
    }

    @Test
    void similarFallsBackToSharedEntitiesWithoutVectors() {
        List<Record> rows = run("CALL mmkg.similar('i1', 2, {}) YIELD itemId, score, source, shared RETURN *", Map.of());
        assertThat(rows).extracting(r -> r.get("itemId").asString()).containsExactly("i3", "i2");
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(rows.get(1).get("score").asDouble()).isCloseTo(IDF_ROCK / (IDF_ROCK + IDF_UK), within(1e-9));
        assertThat(rows.get(0).get("shared").asList(v -> v.get("id").asString())).containsExactly("rock", "uk");
        assertThat(rows.get(0).get("source").asString()).isEqualTo("kg");
    }

    @Test
    void badArgumentsNameTheField() {
        assertThatThrownBy(() -> run("CALL mmkg.recommend('nobody', 3, {})", Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("userId: no user with id `nobody`");
        assertThatThrownBy(() -> run("CALL mmkg.similar('i9', 3, {})", Map.of()))
                .hasMessageContaining("itemId: no item with id `i9`");
        assertThatThrownBy(() -> run("CALL mmkg.recommend('u1', 0, {})", Map.of())).hasMessageContaining("k: must be in 1..1000");
        assertThatThrownBy(() -> run("CALL mmkg.recommend('u1', 3, {maxHop: 2})", Map.of()))
                .hasMessageContaining("config.maxHop: unknown key");
        assertThatThrownBy(() -> run("CALL mmkg.recommend('u1', 3, {entities: ['jazz']})", Map.of()))
                .hasMessageContaining("config.entities: no KG entity with id `jazz`");
    }
}
