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
import org.mmkgrec.cypher.rec.TagConfig;
import org.mmkgrec.cypher.rec.TagMix;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * mmkg.recommendTags inside a separate in-process Neo4j server, called over Bolt, on
 * src/test/resources/tag-fixture.cypher, one source at a time with hand-computed scores.
 */
class TagProceduresTest {
    private static Neo4j server;
    private static Driver driver;

    private static final String CALL = "CALL mmkg.recommendTags($item, $user, $k, $config) "
            + "YIELD rank, tag, tagId, name, score, posted, explanation RETURN *";

    @BeforeAll
    static void start() throws IOException {
        String fixture;
        try (InputStream in = TagProceduresTest.class.getResourceAsStream("/tag-fixture.cypher")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withFixture("CREATE VECTOR INDEX mmkg_text_vectors IF NOT EXISTS FOR (n:Content) ON (n.embedding) "
                        + "OPTIONS {indexConfig: {`vector.dimensions`: 2, `vector.similarity_function`: 'cosine'}}")
                .withProcedure(TagProcedures.class).withFixture(fixture).build();
        driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
        run("CALL db.awaitIndexes(60)", Map.of());
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

    /** With these weights and the user's plain counts (no recency), as the hand-computed scores assume. */
    private static List<Record> tags(String item, String user, long k, Map<String, Object> weights) {
        return tagsWith(item, user, k, Map.of("weights", weights, "userHalfLife", 0));
    }

    private static List<Record> tagsWith(String item, String user, long k, Map<String, Object> config) {
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("item", item);
        params.put("user", user);
        params.put("k", k);
        params.put("config", config);
        return run(CALL, params);
    }

    /** Only the named weights, the others 0. */
    private static Map<String, Object> only(Object... kv) {
        java.util.HashMap<String, Object> w = new java.util.HashMap<>(Map.of("user", 0, "item", 0, "neighbours", 0,
                "content", 0, "global", 0));
        for (int i = 0; i < kv.length; i += 2) {
            w.put((String) kv[i], kv[i + 1]);
        }
        return w;
    }

    private static List<Map<String, Object>> explanation(Record r) {
        return r.get("explanation").asList(Value::asMap);
    }

    @Test
    void userAndItemSharesGiveExactScores() {
        List<Record> rows = tags("i1", "u1", 10, only("user", 0.5, "item", 0.5));
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactly("t2", "t1");
        // indie: user 1 of 3 uses, item 3 of 3: 0.5 * 1/3 + 0.5 * 3/3; rock: user 2 of 3 only
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(0.5 / 3 + 0.5, within(1e-12));
        assertThat(rows.get(1).get("score").asDouble()).isCloseTo(0.5 * 2 / 3, within(1e-12));
        assertThat(rows).extracting(r -> r.get("rank").asLong()).containsExactly(1L, 2L);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("indie");
        assertThat(rows.get(0).get("tag").asNode().get("id").asString()).isEqualTo("t2");
        // u1's post on Alpha holds indie: kept, flagged
        assertThat(rows).extracting(r -> r.get("posted").asBoolean()).containsExactly(true, false);
        List<Map<String, Object>> why = explanation(rows.get(0));
        assertThat(why).extracting(m -> m.get("source")).containsExactly("user", "item");
        assertThat(why).extracting(m -> m.get("count")).containsExactly(1L, 3L);
        assertThat(why).extracting(m -> m.get("text")).containsExactly("you used this tag once", "put on this item 3 times");
        assertThat((Double) why.get(1).get("contribution")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void withoutAUserOnlyTheItemCounts() {
        List<Record> rows = tags("i1", null, 10, only("user", 0.5, "item", 0.5));
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactly("t2");
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(rows.get(0).get("posted").asBoolean()).isFalse();
        // the defaults: k and config may be left out
        assertThat(run("CALL mmkg.recommendTags('i1', null) YIELD tagId RETURN tagId", Map.of())).isNotEmpty();
    }

    @Test
    void coEntityNeighboursCountTheirTagsTimesSharedEntitiesInBothDirections() {
        List<Record> rows = tags("i1", null, 10, only("neighbours", 1));
        // Beta (2 shared): jazz 2 x 2 = 4, rock 1 x 2 = 2; Gamma (1 shared, stored Gamma -> Alpha):
        // britpop 4 x 1 = 4; of a total of 10. jazz and britpop tie: by tag id.
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactly("t3", "t4", "t1");
        assertThat(rows).extracting(r -> r.get("score").asDouble()).containsExactly(0.4, 0.4, 0.2);
        Map<String, Object> britpop = explanation(rows.get(1)).get(0);
        assertThat(britpop).containsEntry("source", "neighbours").containsEntry("count", 4L)
                .containsEntry("items", List.of("Gamma"))
                .containsEntry("text", "on 1 item sharing KG entities with this one: Gamma");
    }

    @Test
    void anItemWithoutTagsGetsTheTagsOfItsTextNeighbours() {
        List<Record> rows = tags("i4", null, 10, only("content", 1));
        // Delta [1, 0]: Eta (cos 0.8) shoegaze x2 = 1.6; Beta (cos 0.6) jazz x2 = 1.2, rock x1 = 0.6;
        // Theta (cos 0) adds nothing; total 3.4
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactly("t5", "t3", "t1");
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(1.6 / 3.4, within(1e-7));
        assertThat(rows.get(1).get("score").asDouble()).isCloseTo(1.2 / 3.4, within(1e-7));
        assertThat(rows.get(2).get("score").asDouble()).isCloseTo(0.6 / 3.4, within(1e-7));
        Map<String, Object> jazz = explanation(rows.get(1)).get(0);
        assertThat(jazz).containsEntry("source", "content").containsEntry("items", List.of("Beta"));
        assertThat((Double) jazz.get("count")).isCloseTo(1.2, within(1e-7));
        // Beta has tags of its own: the content source is not asked for it
        assertThat(tags("i2", null, 10, only("content", 1))).isEmpty();
    }

    @Test
    void globalCountsAreTheMostUsedTagsAndFollowCommits() {
        // uses over all items: britpop 4, indie 3, jazz 2 + 1, shoegaze 2, rock 1 (13 in all)
        List<Record> rows = tags("i4", null, 3, only("global", 1));
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactly("t4", "t2", "t3");
        assertThat(rows.get(0).get("score").asDouble()).isCloseTo(4.0 / 13, within(1e-12));
        assertThat(explanation(rows.get(0)).get(0)).containsEntry("text", "one of the most used tags: put on items 4 times");
        // a commit that changes a count drops the cached list: rock 1 -> 11 leads at once
        run("MATCH (:Item {id: 'i2'})-[r:TAGGED_WITH]->(:Tag {id: 't1'}) SET r.count = 11", Map.of());
        try {
            List<Record> after = tags("i4", null, 1, only("global", 1));
            assertThat(after).extracting(r -> r.get("tagId").asString()).containsExactly("t1");
            assertThat(after.get(0).get("score").asDouble()).isCloseTo(11.0 / 23, within(1e-12));
        } finally {
            run("MATCH (:Item {id: 'i2'})-[r:TAGGED_WITH]->(:Tag {id: 't1'}) SET r.count = 1", Map.of());
        }
    }

    @Test
    void theDefaultWeightsMixEverySourceAndKLimitsTheAnswer() {
        // the scores under whatever TagMix's defaults are: user rock 2 uses in no post (older than u1's one
        // post: 2 x 2^(-1/h)) and indie 1 use in that post (weight 1), item 3 indie, neighbours 4:4:2 of 10,
        // no content (Alpha has tags), global 13 uses in all
        TagMix.Weights d = TagMix.Weights.defaults();
        double rock = 2 * Math.pow(2, -1 / TagConfig.DEFAULT_USER_HALF_LIFE);
        double user = rock + 1;
        Map<String, Double> expected = Map.of(
                "t1", d.user() * rock / user + d.neighbours() * 2 / 10 + d.global() * 1 / 13,
                "t2", d.user() * 1 / user + d.item() + d.global() * 3 / 13,
                "t3", d.neighbours() * 4 / 10 + d.global() * 3 / 13,
                "t4", d.neighbours() * 4 / 10 + d.global() * 4 / 13,
                "t5", d.global() * 2 / 13);
        List<String> best = expected.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).map(Map.Entry::getKey).toList();
        List<Record> rows = tagsWith("i1", "u1", 2, Map.of());
        assertThat(rows).extracting(r -> r.get("tagId").asString()).containsExactlyElementsOf(best);
        for (Record r : rows) {
            assertThat(r.get("score").asDouble()).isCloseTo(expected.get(r.get("tagId").asString()), within(1e-12));
        }
        List<Record> all = tagsWith("i1", "u1", 10, Map.of());
        assertThat(all).hasSize(5);
        assertThat(explanation(all.stream().filter(r -> r.get("tagId").asString().equals("t2")).findFirst().orElseThrow()))
                .extracting(m -> m.get("source")).containsExactly("user", "item", "global");
    }

    @Test
    void theUsersRecentPostsWeighMoreUnderAHalfLife() {
        // u9 put jazz on Beta (day 1) and Gamma (day 2), britpop on Eta (day 3): half-life 1 post weighs
        // the posts 1/4, 1/2, 1, so britpop (1) leads jazz (3/4); plain counts put jazz (2) first
        run("MATCH (b:Item {id: 'i2'}), (g:Item {id: 'i3'}), (e:Item {id: 'i5'}), (t3:Tag {id: 't3'}), (t4:Tag {id: 't4'}) "
                + "CREATE (u:User {id: 'u9'}), (u)-[:USED_TAG {count: 2}]->(t3), (u)-[:USED_TAG {count: 1}]->(t4), "
                + "(u)-[:TAGGED {tags: ['t3'], day: date('2009-01-01')}]->(b), "
                + "(u)-[:TAGGED {tags: ['t3'], day: date('2009-01-02')}]->(g), "
                + "(u)-[:TAGGED {tags: ['t4'], day: date('2009-01-03')}]->(e)", Map.of());
        try {
            List<Record> recent = tagsWith("i6", "u9", 2, Map.of("weights", only("user", 1), "userHalfLife", 1));
            assertThat(recent).extracting(r -> r.get("tagId").asString()).containsExactly("t4", "t3");
            assertThat(recent.get(0).get("score").asDouble()).isCloseTo(1 / 1.75, within(1e-12));
            assertThat(recent.get(1).get("score").asDouble()).isCloseTo(0.75 / 1.75, within(1e-12));
            // the explanation gives the plain count
            assertThat(explanation(recent.get(1)).get(0)).containsEntry("count", 2L)
                    .containsEntry("text", "you used this tag 2 times");
            List<Record> plain = tags("i6", "u9", 2, only("user", 1));
            assertThat(plain).extracting(r -> r.get("tagId").asString()).containsExactly("t3", "t4");
            assertThatThrownBy(() -> tagsWith("i6", "u9", 2, Map.of("userHalfLife", -1)))
                    .isInstanceOf(ClientException.class).hasMessageContaining("config.userHalfLife: must be a finite number");
            assertThatThrownBy(() -> tagsWith("i6", "u9", 2, Map.of("userHalfLife", "soon")))
                    .isInstanceOf(ClientException.class).hasMessageContaining("config.userHalfLife: expected a number");
        } finally {
            run("MATCH (u:User {id: 'u9'}) DETACH DELETE u", Map.of());
        }
    }

    @Test
    void badArgumentsAndUnknownIdsAreErrorsNamingTheField() {
        assertThatThrownBy(() -> tags("i1", null, 0, Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("k: must be in 1..100, got 0");
        assertThatThrownBy(() -> tags("i1", null, 101, Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("k: must be in 1..100, got 101");
        assertThatThrownBy(() -> tags("nothing", null, 5, Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("mmkg: not found: itemId: no item with id `nothing`");
        assertThatThrownBy(() -> tags("i1", "nobody", 5, Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("mmkg: not found: userId: no user with id `nobody`");
        assertThatThrownBy(() -> tags("i1", null, 5, Map.of("popular", 1)))
                .isInstanceOf(ClientException.class).hasMessageContaining("config.weights.popular");
        assertThatThrownBy(() -> tags("i1", null, 5, only()))
                .isInstanceOf(ClientException.class).hasMessageContaining("config.weights: at least one weight must be above 0");
        assertThatThrownBy(() -> run("CALL mmkg.recommendTags('i1', null, 5, {user: 1})", Map.of()))
                .isInstanceOf(ClientException.class).hasMessageContaining("config.user: unknown key");
    }
}
