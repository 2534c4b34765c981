package org.mmkgrec.embedding.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** The next-item protocol: sequences read from a graph in time order, the leave-one-out split, the figures. */
class SeqProtocolTest {

    private static SeqData data(int items, int[]... sequences) {
        String[] users = new String[sequences.length];
        String[] ids = new String[items];
        for (int u = 0; u < users.length; u++) {
            users[u] = "u" + u;
        }
        for (int i = 0; i < items; i++) {
            ids[i] = "i" + i;
        }
        return new SeqData(users, ids, sequences);
    }

    @Test
    void leaveOneOutKeepsTheLastItemForTestAndTheOneBeforeForValidation() {
        SeqData d = data(6, new int[] {3, 1, 4, 0, 5}, new int[] {2, 0}, new int[] {5, 4, 3});
        SeqData.Split s = d.leaveOneOut();
        assertThat(s.training().train()[0]).containsExactly(3, 1, 4);
        assertThat(s.training().validation()[0]).isEqualTo(0);
        assertThat(s.test()[0]).isEqualTo(5);
        assertThat(s.testHistory(0)).containsExactly(3, 1, 4, 0);
        // fewer than three items: all training, nothing held out
        assertThat(s.training().train()[1]).containsExactly(2, 0);
        assertThat(s.training().validation()[1]).isEqualTo(-1);
        assertThat(s.test()[1]).isEqualTo(-1);
        assertThat(s.testHistory(1)).containsExactly(2, 0);
        assertThat(s.training().train()[2]).containsExactly(5);
        assertThat(s.training().validation()[2]).isEqualTo(4);
        assertThat(s.test()[2]).isEqualTo(3);
        assertThat(SeqData.testUsers(s)).containsExactly(0, 2);
        // no model input holds a test item of its user
        for (int u : SeqData.testUsers(s)) {
            assertThat(s.training().train()[u]).doesNotContain(s.test()[u]);
            assertThat(s.training().validation()[u]).isNotEqualTo(s.test()[u]);
        }
        assertThatThrownBy(() -> data(2, new int[] {0, 2})).hasMessageContaining("item index 2 outside 0..1");
    }

    @Test
    void interactionSequencesFollowTheTimestampsAndPostSequencesTheDays(@TempDir Path dir) {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            // u1: i3 at 10, i1 at 20 (rated twice: the first time counts), i2 at 20 (tie: item id), i4 a negative
            store.db().executeTransactionally("""
                    CREATE (u:User {id: 'u1'}), (v:User {id: 'u2'}),
                           (a:Item {id: 'i1'}), (b:Item {id: 'i2'}), (c:Item {id: 'i3'}), (d:Item {id: 'i4'}),
                           (u)-[:INTERACTED {label: 1, timestamp: 20}]->(a), (u)-[:INTERACTED {label: 1, timestamp: 30}]->(a),
                           (u)-[:INTERACTED {label: 1, timestamp: 20}]->(b), (u)-[:INTERACTED {label: 1, timestamp: 10}]->(c),
                           (u)-[:INTERACTED {label: 0, timestamp: 5}]->(d),
                           (v)-[:INTERACTED {label: 1, timestamp: 1}]->(b), (v)-[:INTERACTED {label: 1}]->(c)
                    """);
            SeqData.Read read = SeqData.fromGraph(store.db());
            assertThat(read.source()).isEqualTo(SeqData.Source.INTERACTIONS);
            SeqData d = read.data();
            assertThat(d.userIds).containsExactly("u1", "u2");
            assertThat(d.itemIds).containsExactly("i1", "i2", "i3");
            assertThat(d.sequence(0)).containsExactly(2, 0, 1); // i3, i1, i2
            assertThat(d.sequence(1)).containsExactly(1); // the undated interaction is left out
            // with tag posts, the posts give the sequences (by day), not the interactions
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i1'}), (b:Item {id: 'i2'})
                    SET a:Entity, a.entityId = 'e1', b:Entity, b.entityId = 'e2'
                    CREATE (t:Tag {id: 't1', name: 'rock'}), (g:Entity {entityId: 'g'}), (a)-[:genre]->(g), (b)-[:genre]->(g),
                           (u)-[:TAGGED {tags: ['t1'], day: date('2009-03-01')}]->(a),
                           (u)-[:TAGGED {tags: ['t1'], day: date('2009-01-01')}]->(b)
                    """);
            SeqData.Read posts = SeqData.fromGraph(store.db());
            assertThat(posts.source()).isEqualTo(SeqData.Source.POSTS);
            int i1 = java.util.Arrays.asList(posts.data().itemIds).indexOf("i1");
            int i2 = java.util.Arrays.asList(posts.data().itemIds).indexOf("i2");
            assertThat(posts.data().sequence(java.util.Arrays.asList(posts.data().userIds).indexOf("u1"))).containsExactly(i2, i1);
        }
    }

    @Test
    void aGraphWithoutTimesIsRefusedWithAReason(@TempDir Path dir) {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            store.db().executeTransactionally("CREATE (:User {id: 'u'})-[:INTERACTED {label: 1}]->(:Item {id: 'i'})");
            assertThatThrownBy(() -> SeqData.fromGraph(store.db())).hasMessageContaining("timestamps");
        }
    }

    @Test
    void figuresRankTheTargetAmongTheItemsNotInTheHistory() {
        // scores 9..0 for items 0..9; history {0, 2}; target 5 ranks 4th among 1, 3, 4, 5, ...
        double[] scores = new double[10];
        for (int i = 0; i < 10; i++) {
            scores[i] = 9 - i;
        }
        assertThat(SeqMetrics.rank(scores, 5, new int[] {0, 2})).isEqualTo(4);
        double[] f = SeqMetrics.of(scores, 5, new int[] {0, 2});
        assertThat(f[0]).isEqualTo(1.0);
        assertThat(f[2]).isCloseTo(1 / (Math.log(5) / Math.log(2)), within(1e-12));
        assertThat(f[4]).isEqualTo(0.25);
        // ties: the lower item index first
        assertThat(SeqMetrics.rank(new double[12], 11, new int[0])).isEqualTo(12);
        assertThat(SeqMetrics.of(new double[12], 11, new int[0])[0]).isZero();
        assertThat(SeqMetrics.of(new double[12], 11, new int[0])[1]).isEqualTo(1.0);
        assertThatThrownBy(() -> SeqMetrics.rank(scores, 2, new int[] {2})).hasMessageContaining("in the history");
    }

    @Test
    void mostPopularCountsTheTrainingSequencesOnly() {
        SeqData d = data(4, new int[] {0, 1, 3, 2}, new int[] {1, 0, 2}, new int[] {1, 3, 2});
        SeqData.Split s = d.leaveOneOut();
        SeqPop pop = new SeqPop();
        pop.fit(s.training());
        double[] out = new double[4];
        pop.scores(new int[0], out);
        // training parts: {0, 1}, {1}, {1}: item 1 three times, 0 once; validation and test items not counted
        assertThat(out).containsExactly(1, 3, 0, 0);
        Map<String, Double> m = SeqMetrics.mean(pop, 4, new int[][] {s.testHistory(0), s.testHistory(1), s.testHistory(2)},
                s.test());
        // user 0: history {0,1,3}, target 2 the only item left: rank 1; user 1: history {1,0}, items 2 and 3
        // tie at 0, the lower index (2) first: rank 1; user 2: history {1,3}, item 0 (count 1) before 2: rank 2
        assertThat(m.get("recall@10")).isEqualTo(1.0);
        assertThat(m.get("mrr")).isCloseTo((1 + 1 + 0.5) / 3, within(1e-12));
    }
}
