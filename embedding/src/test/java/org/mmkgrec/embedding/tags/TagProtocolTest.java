package org.mmkgrec.embedding.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.nn.Params;
import org.mmkgrec.embedding.nn.QueryAttention;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** The tag protocol: its split (no leak), its figures on hand-computed rankings, its baselines and models. */
class TagProtocolTest {

    private static TagData.Post post(int user, int item, LocalDate day, int... tags) {
        return new TagData.Post(user, item, tags, day);
    }

    private static TagData corpus(int users, int items, int tags, int[][] itemEntities, int entities, List<TagData.Post> posts) {
        String[] u = new String[users];
        String[] i = new String[items];
        String[] t = new String[tags];
        for (int k = 0; k < users; k++) {
            u[k] = "u" + k;
        }
        for (int k = 0; k < items; k++) {
            i[k] = "i" + k;
        }
        for (int k = 0; k < tags; k++) {
            t[k] = "t" + k;
        }
        int[][] none = new int[items][0];
        return new TagData(u, i, t, t, itemEntities == null ? none : itemEntities, entities, none, none, posts);
    }

    @Test
    void figuresOfAHandRankedPost() {
        // tags 0..11 scored so the order is 11, 10, 9, ..., 0; relevant tags 10 (rank 2) and 3 (rank 9)
        double[] scores = new double[12];
        for (int t = 0; t < 12; t++) {
            scores[t] = t;
        }
        double[] f = TagMetrics.of(scores, new int[] {3, 10});
        assertThat(f[0]).isEqualTo(0.5); // recall@5: one of two
        assertThat(f[1]).isEqualTo(1.0); // recall@10: both
        assertThat(f[2]).isEqualTo(0.2); // precision@5: one of five
        double dcg = 1 / log2(3) + 1 / log2(10);
        double idcg = 1 + 1 / log2(3);
        assertThat(f[3]).isCloseTo(dcg / idcg, within(1e-12)); // ndcg@10
        assertThat(f[4]).isEqualTo(0.5); // reciprocal rank of the first relevant tag (rank 2)
        // ties rank the lower tag index first
        double[] flat = new double[6];
        assertThat(TagMetrics.rank(flat, 0)).isEqualTo(1);
        assertThat(TagMetrics.rank(flat, 4)).isEqualTo(5);
        assertThatThrownBy(() -> TagMetrics.of(scores, new int[0])).hasMessageContaining("without tags");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void theSplitKeepsEachUsersLatestPostsForTestAndNoneOfTheirTagsInTraining() {
        List<TagData.Post> posts = new ArrayList<>();
        // user 0: ten posts on ten days; tag 9 only ever in the last (a test) post
        for (int k = 0; k < 10; k++) {
            posts.add(post(0, k, LocalDate.of(2009, 1, 10 - k), k == 0 ? new int[] {9} : new int[] {k % 3}));
        }
        // user 1: one post (stays in training), user 2: undated posts order before dated ones
        posts.add(post(1, 0, LocalDate.of(2010, 1, 1), 1));
        posts.add(post(2, 1, null, 2));
        for (int k = 0; k < 4; k++) {
            posts.add(post(2, 2 + k, LocalDate.of(2008, 1, 1 + k), 0));
        }
        TagData data = corpus(3, 10, 10, null, 0, posts);
        TagData.Split split = data.split(0.2, 0.1);
        List<TagData.Post> test = split.test();
        List<TagData.Post> train = split.training().train();
        List<TagData.Post> validation = split.training().validation();
        assertThat(train.size() + validation.size() + test.size()).isEqualTo(posts.size());
        // user 0: round(2) test = the two latest (items 0 and 1), round(1) validation = item 2
        assertThat(test.stream().filter(p -> p.user() == 0).map(TagData.Post::item)).containsExactlyInAnyOrder(0, 1);
        assertThat(validation.stream().filter(p -> p.user() == 0).map(TagData.Post::item)).containsExactly(2);
        // user 1's single post is training; user 2's undated post is its oldest, so training
        assertThat(test.stream().filter(p -> p.user() == 1)).isEmpty();
        assertThat(train).anyMatch(p -> p.user() == 2 && p.day() == null);
        // per user, no training post is later than a test post
        for (TagData.Post t : test) {
            for (TagData.Post p : train) {
                if (p.user() == t.user() && p.day() != null && t.day() != null) {
                    assertThat(p.day()).isBeforeOrEqualTo(t.day());
                }
            }
        }
        // the leak test: no (user, item) of a test post is in training, and the counts every model
        // reads do not know tag 9, used only in a test post
        Set<List<Integer>> trainPairs = new HashSet<>();
        train.forEach(p -> trainPairs.add(List.of(p.user(), p.item())));
        assertThat(test).noneMatch(p -> trainPairs.contains(List.of(p.user(), p.item())));
        TagCounts counts = new TagCounts(data, train);
        assertThat(counts.global[9]).isZero();
        assertThat(TagCounts.count(counts.user(0), 9)).isZero();
        assertThat(TagCounts.count(counts.item(0), 9)).isZero();
        assertThatThrownBy(() -> data.split(0.8, 0.3)).hasMessageContaining("sum below 1");
    }

    @Test
    void postsAreReadFromTheGraph(@TempDir Path dir) {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            store.db().executeTransactionally("""
                    CREATE (u:User {id: 'u1'}), (v:User {id: 'u2'}),
                           (a:Item:Entity {id: 'i1', entityId: 'e1'}), (b:Item:Entity {id: 'i2', entityId: 'e2'}),
                           (g:Entity {entityId: 'rock'}), (t1:Tag {id: 't1', name: 'rock'}), (t2:Tag {id: 't2', name: 'indie'}),
                           (a)-[:`music.genre`]->(g), (b)-[:`music.genre`]->(g), (a)-[:CO_ENTITY {shared: 1}]->(b),
                           (u)-[:TAGGED {tags: ['t2', 't1'], day: date('2009-01-01')}]->(a),
                           (v)-[:TAGGED {tags: ['t1', 'gone'], day: date('2009-02-01')}]->(b),
                           (u)-[:INTERACTED {label: 1}]->(b)
                    """);
            TagData data = TagData.fromGraph(store.db());
            assertThat(data.tagIds).containsExactly("t1", "t2");
            assertThat(data.tagNames).containsExactly("rock", "indie");
            assertThat(data.itemIds).containsExactly("i1", "i2");
            assertThat(data.posts()).hasSize(2);
            TagData.Post first = data.posts().stream().filter(p -> p.user() == 0).findFirst().orElseThrow();
            assertThat(first.tags()).containsExactly(0, 1);
            assertThat(first.day()).isEqualTo(LocalDate.of(2009, 1, 1));
            // a tag id the graph does not hold is dropped, not invented
            assertThat(data.posts().stream().filter(p -> p.user() == 1).findFirst().orElseThrow().tags()).containsExactly(0);
            // KG entities (not interactions or co-entity links) are the content tokens; co-entity both ways
            assertThat(data.itemEntities[0]).hasSize(1).isEqualTo(data.itemEntities[1]);
            assertThat(data.neighbours[0]).containsExactly(1);
            assertThat(data.neighbours[1]).containsExactly(0);
        }
    }

    @Test
    void aGraphWithoutPostsIsRefusedWithAReason(@TempDir Path dir) {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            store.db().executeTransactionally("CREATE (:User {id: 'u'}), (:Item {id: 'i'})");
            assertThatThrownBy(() -> TagData.fromGraph(store.db())).hasMessageContaining("no tag posts");
        }
    }

    @Test
    void theCountBaselinesFollowTheirCounts() {
        List<TagData.Post> train = List.of(
                post(0, 0, null, 0, 1), post(0, 1, null, 0), // user 0: tag 0 twice, tag 1 once
                post(1, 0, null, 2), post(2, 0, null, 2, 3)); // item 0: tag 2 twice, tags 0, 1, 3 once
        TagData data = corpus(3, 2, 5, null, 0, train);
        TagData.Training training = new TagData.Training(data, train, List.of());
        double[] s = new double[5];
        TagHeuristics user = new TagHeuristics("tag-user");
        user.fit(training);
        user.scores(0, 1, s);
        assertThat(s[0]).isGreaterThan(s[1]).isGreaterThan(s[2]);
        TagHeuristics item = new TagHeuristics("tag-item");
        item.fit(training);
        item.scores(0, 0, s);
        assertThat(s[2]).isGreaterThan(s[0]);
        // tag-mix without validation posts keeps the default weights; its score is the TagMix rule:
        // user 0 shares (tag 0: 2/3, tag 1: 1/3), item 0 shares (tag 2: 2/5, others 1/5), global (tags 0
        // and 2: 2/6, tags 1 and 3: 1/6)
        TagHeuristics mix = new TagHeuristics("tag-mix");
        mix.fit(training);
        mix.scores(0, 0, s);
        var w = mix.weights();
        double tie = 1e-9;
        assertThat(s[0]).isCloseTo(w.user() * 2 / 3 + w.item() * 1 / 5 + (w.global() + tie) * 2 / 6, within(1e-12));
        assertThat(s[2]).isCloseTo(w.item() * 2 / 5 + (w.global() + tie) * 2 / 6, within(1e-12));
        assertThat(s[4]).isZero();
        assertThat(mix.note()).contains("default weights");
        assertThatThrownBy(() -> new TagHeuristics("tag-none")).hasMessageContaining("tag-mix");
    }

    @Test
    void queryAttentionOnArraysAgreesWithTheEngine() {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m);
            QueryAttention att = new QueryAttention("att", 4, 2);
            att.create(p);
            float[] q = {0.5f, -1f, 0.2f, 0.3f};
            float[] tokens = {1, 0, 0, 1, 0, 2, 1, 0, 9, 9, 9, 9}; // 3 tokens, the last one padding
            NDArray out = att.forward(p, m.create(q, new Shape(1, 4)), m.create(tokens, new Shape(1, 3, 4)),
                    m.create(new float[] {1, 1, 0}, new Shape(1, 3)));
            Map<String, float[]> flat = new LinkedHashMap<>();
            p.all().forEach((k, v) -> flat.put(k, v.toFloatArray()));
            double[] java = att.apply(flat, new double[] {0.5, -1, 0.2, 0.3}, new double[][] {{1, 0, 0, 1}, {0, 2, 1, 0}});
            float[] engine = out.toFloatArray();
            for (int k = 0; k < 4; k++) {
                assertThat(java[k]).isCloseTo(engine[k], within(1e-5));
            }
        }
        assertThatThrownBy(() -> new QueryAttention("x", 6, 4)).hasMessageContaining("multiple");
    }

    @Test
    void refitAddsTheValidationPostsAndKeepsWhatTheFirstFitChose() {
        List<TagData.Post> train = new ArrayList<>();
        List<TagData.Post> validation = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            for (int i = 0; i < 4; i++) {
                train.add(post(u, i, null, (u + i) % 3, 3 + u % 2));
            }
            validation.add(post(u, 4, null, 5, (u + 1) % 3)); // tag 5 only in validation posts
        }
        TagData data = corpus(4, 5, 6, null, 0, train);
        List<TagData.Post> all = new ArrayList<>(train);
        all.addAll(validation);
        double[] s = new double[6];
        TagHeuristics user = new TagHeuristics("tag-user");
        user.fit(new TagData.Training(data, train, validation));
        user.scores(0, 4, s);
        assertThat(s[5]).isZero();
        user.refit(new TagData.Training(data, all, List.of()));
        user.scores(0, 4, s);
        assertThat(s[5]).as("the validation post's tag counts after the refit").isPositive();
        // a learned model trains again for its best epoch, on every post
        TagModel pitf = TagModels.create("pitf", 5, ModelParams.parse(List.of("pitf.epochs=12", "pitf.batchSize=4",
                "pitf.dimension=4"), TagModels.NAMES), new TrainOptions(1, 3, null, false));
        pitf.fit(new TagData.Training(data, train, validation));
        int best = Integer.parseInt(pitf.note().replaceAll("^best epoch (\\d+) .*", "$1"));
        pitf.refit(new TagData.Training(data, all, List.of()));
        assertThat(pitf.lossCurve()).hasSize(best);
        assertThat(pitf.note()).contains("refitted on training + validation posts for " + best + " epochs");
    }

    @Test
    void uhmanHistoriesLeaveTheExamplesOwnPostOut() {
        List<TagData.Post> train = List.of(post(0, 0, null, 0, 1), post(0, 1, null, 1, 2), post(1, 1, null, 2));
        TagData data = corpus(2, 2, 3, null, 0, train);
        Uhman uhman = (Uhman) TagModels.create("uhman", 1, ModelParams.parse(List.of("uhman.epochs=1", "uhman.dimension=4",
                "uhman.heads=1"), TagModels.NAMES), new TrainOptions(1, 0, null, false));
        uhman.fit(new TagData.Training(data, train, List.of()));
        // user 0 used tags 0, 1, 1, 2; without post {0, 1}: tags 1 and 2 once each
        Uhman.History h = uhman.history(uhman.counts.user(0), new int[] {0, 1}, 1);
        assertThat(h.tags()).containsExactly(1, 2);
        assertThat(h.weights()).containsExactly(0.5, 0.5);
        // at test time nothing is left out: tag 1 twice, tags 0 and 2 once; most used first
        Uhman.History all = uhman.history(uhman.counts.user(0), null, 0);
        assertThat(all.tags()).containsExactly(1, 0, 2);
        assertThat(all.weights()).containsExactly(0.5, 0.25, 0.25);
    }

    @Test
    void recencyWeighsAUsersLatestPostsMoreAndACausalHistorySeesOnlyThePast() {
        LocalDate d = LocalDate.of(2009, 1, 1);
        // given out of time order: the counts order each user's posts by day
        List<TagData.Post> posts = List.of(post(0, 2, d.plusDays(3), 1, 2), post(0, 0, d.plusDays(1), 0),
                post(1, 0, d, 2), post(0, 1, d.plusDays(2), 1));
        TagCounts c = new TagCounts(corpus(2, 3, 3, null, 0, posts), posts);
        assertThat(c.user(0, 0).counts()).containsExactly(1, 2, 1);
        // half-life 1 post: the latest post (item 2) weighs 1, item 1 1/2, item 0 1/4
        assertThat(c.user(0, 1).tags()).containsExactly(0, 1, 2);
        assertThat(c.user(0, 1).counts()).containsExactly(0.25, 1.5, 1.0);
        assertThat(c.weight(0, 0, 1)).isEqualTo(0.25);
        assertThat(c.weight(0, 2, 1)).isEqualTo(1.0);
        // before the post on item 2: items 0 and 1 only, ages counted from it
        assertThat(c.userBefore(0, 2, 1).tags()).containsExactly(0, 1);
        assertThat(c.userBefore(0, 2, 1).counts()).containsExactly(0.5, 1.0);
        assertThat(c.userBefore(0, 0, 1).tags()).as("nothing before the first post").isEmpty();
        assertThatThrownBy(() -> c.user(0, -1)).hasMessageContaining("half-life");
        assertThatThrownBy(() -> c.weight(1, 2, 1)).hasMessageContaining("no post of user index 1 on item index 2");
        assertThatThrownBy(() -> ModelParams.parse(List.of("uhman.recency=-2"), TagModels.NAMES)
                .apply("uhman", Uhman.Config.defaults(1))).hasStackTraceContaining("`recency`");
    }

    @Test
    void tagMixChoosesTheUsersHalfLifeOnTheValidationPosts() {
        // user 0 first used tags 0-10 (two posts), lately tag 11 (two posts); the validation post holds tag 11.
        // Plain counts tie all twelve tags and rank tag 11 last (ties by index, past the top 10);
        // weighting recent posts more ranks it first.
        LocalDate d = LocalDate.of(2009, 1, 1);
        int[] old = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        List<TagData.Post> train = List.of(post(0, 0, d, old), post(0, 1, d.plusDays(1), old),
                post(0, 2, d.plusDays(2), 11), post(0, 3, d.plusDays(3), 11));
        List<TagData.Post> validation = List.of(post(0, 4, d.plusDays(4), 11));
        TagHeuristics mix = new TagHeuristics("tag-mix");
        mix.fit(new TagData.Training(corpus(1, 5, 12, null, 0, train), train, validation));
        assertThat(mix.halfLife()).isPositive();
        assertThat(mix.note()).contains("user half-life 5 posts").contains("Recall@10 1.0000");
        double[] s = new double[12];
        mix.scores(0, 4, s);
        assertThat(s[11]).isGreaterThan(s[0]);
    }

    /**
     * Two groups of users: group A tags items of KG genre 0 with tags 0-2, group B items of genre 1
     * with tags 3-5. Each learned model's loss falls, and on a held-out (user, item) its own group's
     * tags outrank the other's.
     */
    @Test
    void eachLearnedModelsLossFallsAndItsOwnTagsWin() {
        List<TagData.Post> train = new ArrayList<>();
        int[][] entities = new int[8][];
        for (int i = 0; i < 8; i++) {
            entities[i] = new int[] {i < 4 ? 0 : 1};
        }
        for (int u = 0; u < 6; u++) {
            boolean a = u < 3;
            for (int i = a ? 0 : 4; i < (a ? 4 : 8); i++) {
                if ((u + i) % 4 == 3) {
                    continue; // held out below
                }
                int base = a ? 0 : 3;
                train.add(post(u, i, null, base + (u + i) % 3, base + (u + i + 1) % 3));
            }
        }
        TagData data = corpus(6, 8, 6, entities, 2, train);
        TagData.Training training = new TagData.Training(data, train, List.of());
        TrainOptions options = new TrainOptions(1, 0, null, false);
        for (String name : List.of("pitf", "uhman", "logo")) {
            TagModel model = TagModels.create(name, 7, ModelParams.parse(List.of(name + ".epochs=60", name + ".batchSize=8",
                    name + ".dimension=8", name + ".learningRate=0.02"), TagModels.NAMES), options);
            model.fit(training);
            List<Double> losses = model.lossCurve();
            assertThat(losses).as(name).hasSize(60);
            assertThat(losses.get(59)).as(name + " loss falls").isLessThan(losses.get(0) * 0.8);
            double[] s = new double[6];
            model.scores(0, 3, s); // user 0, item 3: (0 + 3) % 4 == 3, never seen together
            double own = s[0] + s[1] + s[2];
            double other = s[3] + s[4] + s[5];
            assertThat(own).as(name + ": group A's tags outrank group B's").isGreaterThan(other);
        }
    }
}
