package org.mmkgrec.embedding.kg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.ContentFeatures;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.nn.Propagation;
import org.mmkgrec.embedding.train.TestContexts;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class MkgatTest {
    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;

    @BeforeAll
    static void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        TinyMmkg.create(store.db());
        data = InteractionData.fromGraph(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static Mkgat fit(Losses.Kind loss, int seed) {
        return fit(loss, 0, seed);
    }

    static Mkgat fit(Losses.Kind loss, int attentionRefresh, int seed) {
        return fit(loss, attentionRefresh, Propagation.AUTO, 10, seed);
    }

    static Mkgat fit(Losses.Kind loss, int attentionRefresh, Propagation propagation, int fanOut, int seed) {
        Mkgat model = new Mkgat(store.db(), new Mkgat.Config(8, 2, 40, 4, 4, 0.02f, 1e-5f, loss, attentionRefresh,
                propagation, fanOut, seed));
        model.fit(data);
        return model;
    }

    @Test
    void theMultimodalGraphHoldsUsersEntitiesAndContentNodes() {
        KgData kg = KgData.fromGraph(store.db());
        Map<String, String> entityOfItem = Map.of("i1", "e1", "i2", "e2", "i3", "e3", "i4", "e4", "i5", "e5", "i6", "e6");
        Mkgat.Mmkg g = Mkgat.Mmkg.of(kg, entityOfItem, ContentFeatures.byModality(store.db(), data), data);
        // 6 users + 8 entities (6 items, 2 genres) + 6 text nodes
        assertThat(g.nodes).isEqualTo(20);
        assertThat(g.modalities).containsExactly("text");
        // 6 KG triples, 12 liked pairs, 6 item-text links, each edge both ways
        assertThat(g.graph.edges()).isEqualTo(2 * (6 + 12 + 6));
        // relations: genre and its inverse, interact both ways, has_text both ways
        assertThat(g.relations).isEqualTo(6);
        // TransE triples: the KG's and the item-content ones
        assertThat(g.tripleHead).hasSize(12);
    }

    @Test
    void lossFallsTheOwnGroupWinsAndTheSeedFixesTheVectors() {
        Mkgat model = fit(Losses.Kind.BPR, 7);
        // on a graph this small a batch's sampled neighbourhood is most of it: auto keeps the full graph
        assertThat(model.sampledPropagation()).isFalse();
        List<Double> losses = model.lossCurve();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        List<Double> kg = model.kgLossCurve();
        assertThat(kg.get(kg.size() - 1)).isLessThan(kg.get(0));
        theOwnGroupWins(model);
        // layer 0 plus 2 attention layers, 8 each
        assertThat(model.userVectors()[0]).hasSize(24);
        // the same seed gives the same vectors; PyTorch's multi-threaded CPU kernels (the attention's
        // scatter of edge messages) are not bit-reproducible run to run, and 40 epochs of Adam grow
        // that noise (5e-3 seen once on a loaded machine), so up to 2e-2 (vectors of norm ~1; another
        // seed moves them by ~0.1 and more)
        float[][] again = fit(Losses.Kind.BPR, 7).userVectors();
        for (int u = 0; u < again.length; u++) {
            assertThat(again[u]).containsExactly(model.userVectors()[u], org.assertj.core.api.Assertions.within(2e-2f));
        }
        float[][] other = fit(Losses.Kind.BPR, 8).userVectors();
        assertThat(maxDifference(other, model.userVectors())).isGreaterThan(0.1f);
        List<Double> bce = fit(Losses.Kind.BCE, 3).lossCurve();
        assertThat(bce.get(bce.size() - 1)).isLessThan(bce.get(0));
    }

    @Test
    void withTheAttentionOfTheLastExactPassTheFixedPassGivesTheSameVectors() {
        Mkgat model = new Mkgat(store.db(), new Mkgat.Config(8, 2, 1, 4, 4, 0.02f, 1e-5f, Losses.Kind.BPR, 0,
                Propagation.FULL, 10, 5));
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainContext context = TestContexts.of(manager, 5);
            model.build(context, data);
            float[][] passes = model.exactThenFixed(context);
            assertThat(passes[0]).hasSize(20 * 24);
            assertThat(passes[1]).containsExactly(passes[0], within(1e-4f));
        }
    }

    @Test
    void everyStepExactAlsoLearns() {
        Mkgat model = fit(Losses.Kind.BPR, 1, 11);
        theOwnGroupWins(model);
    }

    @Test
    void sampledPropagationWhoseFanOutCoversEveryEdgeIsTheFullPass() {
        Mkgat model = new Mkgat(store.db(), new Mkgat.Config(8, 2, 1, 4, 4, 0.02f, 1e-5f, Losses.Kind.BPR, 0,
                Propagation.SAMPLED, 10, 5));
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainContext context = TestContexts.of(manager, 5);
            model.build(context, data);
            // a user, an item, a genre entity and a text node, one of them twice
            int[] seeds = {0, 6, 12, 15, 6};
            float[][] passes = model.fullThenSampled(context, seeds, model.maxInDegree());
            assertThat(passes[0]).hasSize(seeds.length * 24);
            assertThat(passes[1]).containsExactly(passes[0], within(1e-5f));
            assertThat(passes[2]).containsExactly(passes[0], within(1e-5f));
            // the light whole-graph pass the sampled mode's vectors come from
            assertThat(passes[4]).containsExactly(passes[3], within(1e-5f));
            // a smaller fan-out leaves some node with fewer messages: the rows differ
            float[][] fewer = model.fullThenSampled(context, seeds, 1);
            assertThat(fewer[1]).isNotEqualTo(fewer[0]);
        }
    }

    @Test
    void sampledTrainingLearns() {
        Mkgat model = fit(Losses.Kind.BPR, 0, Propagation.SAMPLED, 2, 13);
        assertThat(model.sampledPropagation()).isTrue();
        List<Double> losses = model.lossCurve();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        theOwnGroupWins(model);
    }

    private static float maxDifference(float[][] a, float[][] b) {
        float max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return max;
    }

    /** u1 (index 0) liked i1, i2: i3 (same group) outscores every item of the other group. */
    private static void theOwnGroupWins(Mkgat model) {
        float[] s = model.scores(0);
        for (int other = 3; other < 6; other++) {
            assertThat(s[2]).isGreaterThan(s[other]);
        }
    }
}
