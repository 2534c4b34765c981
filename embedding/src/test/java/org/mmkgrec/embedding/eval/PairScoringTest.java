package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmkgrec.embedding.baseline.CypherCf;
import org.mmkgrec.embedding.baseline.FastRp;
import org.mmkgrec.embedding.baseline.Hybrid;
import org.mmkgrec.embedding.baseline.ItemKnn;
import org.mmkgrec.embedding.baseline.MostPopular;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.Validation;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Every model that scores some items without scoring all of them ({@link Recommender#scores(int, int[])})
 * gives exactly its full scores at those items, and the CTR protocol and the eval AUC, which score
 * pairs only, give exactly the figures computed from every user's full row (the code they replaced).
 * On a seeded random graph: 30 users, 40 items in 5 KG genres, 3 to 10 likes and 2 dislikes per user,
 * a labelled eval pair or two for two users in three, and 4 test pairs per user.
 */
class PairScoringTest {
    static final int USERS = 30;
    static final int ITEMS = 40;

    @org.junit.jupiter.api.io.TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;
    static InteractionData.TestSet test;

    @BeforeAll
    static void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        Random random = new Random(11);
        List<List<Object>> interactions = new ArrayList<>();
        List<int[]> testRows = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                items.add(i);
            }
            java.util.Collections.shuffle(items, random);
            int next = 0;
            int likes = 3 + random.nextInt(8);
            for (int k = 0; k < likes; k++) {
                interactions.add(List.of(u, items.get(next++), 1, "train"));
            }
            for (int k = 0; k < 2; k++) {
                interactions.add(List.of(u, items.get(next++), 0, "train"));
            }
            if (u % 3 != 2) {
                interactions.add(List.of(u, items.get(next++), 1, "eval"));
                interactions.add(List.of(u, items.get(next++), 0, "eval"));
            }
            for (int k = 0; k < 4; k++) {
                testRows.add(new int[] {u, items.get(next++), random.nextInt(2)});
            }
        }
        GraphDatabaseService db = store.db();
        db.executeTransactionally("""
                UNWIND range(0, 4) AS g CREATE (:Entity {entityId: 'g' + g})
                WITH count(*) AS done
                UNWIND range(0, $users - 1) AS u CREATE (:User {id: 'u' + u})
                WITH count(*) AS done
                UNWIND range(0, $items - 1) AS i
                MATCH (g:Entity {entityId: 'g' + (i % 5)})
                CREATE (:Item:Entity {id: 'i' + i, entityId: 'i' + i})-[:`music.artist.genre`]->(g)""",
                Map.of("users", (long) USERS, "items", (long) ITEMS));
        db.executeTransactionally("""
                UNWIND $rows AS p
                MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                CREATE (u)-[:INTERACTED {label: p[2], split: p[3]}]->(i)""", Map.of("rows", interactions));
        db.executeTransactionally("""
                MATCH (i:Item) SET i.popularity = COUNT { (i)<-[:INTERACTED {label: 1, split: 'train'}]-() }""");
        data = InteractionData.fromGraph(db);
        int n = testRows.size();
        int[] users = new int[n];
        int[] items = new int[n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            users[k] = data.userIndex("u" + testRows.get(k)[0]);
            items[k] = data.itemIndex("i" + testRows.get(k)[1]);
            labels[k] = testRows.get(k)[2];
        }
        test = new InteractionData.TestSet(users, items, labels, 0);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static Stream<Arguments> models() {
        TrainOptions auc = TrainOptions.defaults(Validation.Metric.AUC);
        List<Map.Entry<String, Function<GraphDatabaseService, Recommender>>> m = List.of(
                Map.entry("pop", db -> new MostPopular()),
                Map.entry("itemknn, all neighbours", db -> new ItemKnn(ItemKnn.Config.defaults())),
                Map.entry("itemknn, 3 neighbours, shrink 2", db -> new ItemKnn(new ItemKnn.Config(3, 2f))),
                Map.entry("cypher-cf", CypherCf::new),
                Map.entry("fastrp", db -> new FastRp(db, 16, 42)),
                Map.entry("hybrid, given weights", db -> new Hybrid(db, new Hybrid.Config(1, 0.3, 0.2, 0.5, 5, false), auc)),
                Map.entry("hybrid, no popularity", db -> new Hybrid(db, new Hybrid.Config(1, 0.3, 0.2, 0, 100, false), auc)),
                Map.entry("hybrid, fitted weights", db -> new Hybrid(db, Hybrid.Config.defaults(), auc)));
        return m.stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void someItemsScoreAsInTheFullRowAndTheCtrFiguresAreThoseOfFullRows(String name,
            Function<GraphDatabaseService, Recommender> create) {
        Recommender model = create.apply(store.db());
        model.fit(data);
        // every item, shuffled, some twice
        int[] items = new int[ITEMS + 5];
        for (int j = 0; j < items.length; j++) {
            items[j] = (j * 17 + 3) % ITEMS;
        }
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(model.scores(u, items)).as("user %d", u).containsExactly(pick(model.scores(u), items));
        }
        assertThat(EvaluateJob.ctr(model, data, test)).isEqualTo(ctrFromFullRows(model));
        Validation v = new Validation(data, Validation.Metric.AUC);
        assertThat(v.available()).isTrue();
        assertThat(v.of(model)).isEqualTo(evalAucFromFullRows(model));
        assertThat(v.estimate(model)).isEqualTo(v.estimate(model::scores));
    }

    private static float[] pick(float[] all, int[] items) {
        float[] s = new float[items.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = all[items[j]];
        }
        return s;
    }

    /** The CTR figures as they were computed before pairs: a full row per user, kept for the run. */
    private static Map<String, Double> ctrFromFullRows(Recommender model) {
        Map<Integer, float[]> cache = new HashMap<>();
        double[] evalScores = new double[data.evalUsers.length];
        for (int k = 0; k < evalScores.length; k++) {
            evalScores[k] = cache.computeIfAbsent(data.evalUsers[k], model::scores)[data.evalItems[k]];
        }
        double[] testScores = new double[test.size()];
        for (int k = 0; k < testScores.length; k++) {
            testScores[k] = cache.computeIfAbsent(test.users()[k], model::scores)[test.items()[k]];
        }
        PlattScaling platt = PlattScaling.fit(evalScores, data.evalLabels);
        double[] probabilities = Arrays.stream(testScores).map(platt::probability).toArray();
        // both classes in the test part, or the AUC would say nothing
        assertThat(test.labels()).contains(0, 1);
        return Map.of("auc", Metrics.auc(testScores, test.labels()), "f1", Metrics.f1(probabilities, test.labels(), 0.5));
    }

    /** The eval AUC as computed before pairs. */
    private static double evalAucFromFullRows(Recommender model) {
        Map<Integer, float[]> cache = new HashMap<>();
        double[] s = new double[data.evalUsers.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = cache.computeIfAbsent(data.evalUsers[k], model::scores)[data.evalItems[k]];
        }
        return Metrics.auc(s, data.evalLabels);
    }
}
