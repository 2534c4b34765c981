package org.mmkgrec.embedding.gat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.nn.Propagation;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class CrmManTest {
    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;
    /** the same users and likes, content that does not tell the groups apart */
    static GraphStore blind;

    @BeforeAll
    static void graph() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        TinyMmkg.create(store.db());
        data = InteractionData.fromGraph(store.db());
        blind = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("blind"), "32m"));
        TinyMmkg.create(blind.db(), false);
    }

    @AfterAll
    static void stop() {
        store.close();
        blind.close();
    }

    static CrmMan fit(GraphStore on, Losses.Kind loss, int seed) {
        return fit(on, loss, Propagation.AUTO, seed);
    }

    static CrmMan fit(GraphStore on, Losses.Kind loss, Propagation propagation, int seed) {
        CrmMan model = new CrmMan(on.db(), new CrmMan.Config(4, 4, 2, 10, 2, 20, 60, 4, 0.01f, 1e-5f, loss, propagation, 1, seed));
        model.fit(InteractionData.fromGraph(on.db()));
        return model;
    }

    static CrmMan fit(Losses.Kind loss, int seed) {
        return fit(store, loss, seed);
    }

    @Test
    void lossFallsWhereOnlyTheInteractionsTellTheGroupsApart() {
        for (Losses.Kind kind : Losses.Kind.values()) {
            List<Double> losses = fit(blind, kind, 5).lossCurve();
            assertThat(tail(losses)).as("%s losses %s", kind, losses).isLessThan(losses.get(0) * 0.8);
        }
    }

    @Test
    void theUsersOwnGroupWins() {
        CrmMan model = fit(Losses.Kind.SOFTMAX, 7);
        assertThat(model.coEntityEdges()).isEqualTo(6); // 3 item pairs per group, counted once
        assertThat(model.attentionEdges()).isEqualTo(12); // each item hears its 2 group mates
        // u1 (index 0) liked i1, i2: i3 (same group) must outscore every item of the other group
        float[] s = model.scores(0);
        for (int other = 3; other < 6; other++) {
            assertThat(s[2]).isGreaterThan(s[other]);
        }
        // written back: [w1 u_prefer ; w2 u_dislike] and [c ; c], (4 + 4) * 2 dimensions, dot = score
        assertThat(model.userVectors()[0]).hasSize(16);
        float dot = 0;
        for (int k = 0; k < 16; k++) {
            dot += model.userVectors()[0][k] * model.itemVectors()[2][k];
        }
        assertThat(dot).isEqualTo(s[2]);
    }

    @Test
    void sameSeedSameVectors() {
        // up to float noise: PyTorch's multi-threaded CPU kernels are not bit-reproducible run to run
        // (this failed once by 3e-6, as MkgatTest did)
        float[][] first = fit(Losses.Kind.SOFTMAX, 11).itemVectors();
        float[][] again = fit(Losses.Kind.SOFTMAX, 11).itemVectors();
        assertThat(again).hasSameDimensionsAs(first);
        for (int i = 0; i < first.length; i++) {
            assertThat(again[i]).containsExactly(first[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    /** Mean loss of the last 5 epochs (one epoch of 3 tiny batches is noisy). */
    static double tail(List<Double> losses) {
        return losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void eachItemAttendsToTheNeighboursSharingTheMostEntities() {
        CrmMan model = new CrmMan(store.db(), new CrmMan.Config(4, 4, 2, 10, 2, 1, 1, 4, 0.01f, 1e-5f, Losses.Kind.SOFTMAX,
                Propagation.AUTO, 10, 3));
        model.fit(data);
        assertThat(model.coEntityEdges()).isEqualTo(6);
        assertThat(model.attentionEdges()).isEqualTo(6); // one neighbour per item
    }

    @Test
    void sampledPropagationWhoseFanOutCoversEveryEdgeIsTheFullPass() {
        CrmMan model = new CrmMan(store.db(), new CrmMan.Config(4, 4, 2, 10, 2, 20, 1, 4, 0.01f, 1e-5f, Losses.Kind.SOFTMAX,
                Propagation.SAMPLED, 2, 3));
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.mmkgrec.embedding.train.TrainContext context = org.mmkgrec.embedding.train.TestContexts.of(manager, 3);
            model.build(context, data);
            int[] seeds = {0, 4, 4};
            float[][] passes = model.fullThenSampled(context, seeds, 2); // each item has 2 neighbours
            assertThat(passes[0]).hasSize(seeds.length * 8);
            assertThat(passes[1]).containsExactly(passes[0], within(1e-5f));
            assertThat(passes[2]).containsExactly(passes[0], within(1e-5f));
            float[][] fewer = model.fullThenSampled(context, seeds, 1);
            assertThat(fewer[1]).isNotEqualTo(fewer[0]);
        }
    }

    @Test
    void sampledTrainingLearnsTheGroups() {
        CrmMan model = fit(store, Losses.Kind.SOFTMAX, Propagation.SAMPLED, 7);
        assertThat(model.sampledPropagation()).isTrue();
        float[] s = model.scores(0);
        for (int other = 3; other < 6; other++) {
            assertThat(s[2]).isGreaterThan(s[other]);
        }
    }

    @Test
    void historySamplingExcludesTheTargetAndCapsTheSize() {
        java.util.Random random = new java.util.Random(1);
        assertThat(CrmMan.sample(new int[] {1, 2, 3, 4, 5}, 3, 10, random)).containsExactlyInAnyOrder(1, 2, 4, 5);
        int[] capped = CrmMan.sample(new int[] {1, 2, 3, 4, 5}, -1, 2, random);
        assertThat(capped).hasSize(2).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(capped).boxed().toList()).isSubsetOf(1, 2, 3, 4, 5);
    }

    @Test
    void rowsGroupedByHistoryLengthGiveThePaddedLossAndGradient() {
        CrmMan model = new CrmMan(store.db(), new CrmMan.Config(4, 4, 2, 50, 2, 20, 1, 4, 0.01f, 1e-5f, Losses.Kind.SOFTMAX,
                Propagation.FULL, 2, 3));
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.mmkgrec.embedding.train.TrainContext context = org.mmkgrec.embedding.train.TestContexts.of(manager, 3);
            model.build(context, data);
            java.util.Random random = new java.util.Random(5);
            int rows = 40;
            int[][] liked = new int[rows][];
            int[][] disliked = new int[rows][];
            int[] pos = new int[rows];
            int[] neg = new int[rows * 2];
            for (int r = 0; r < rows; r++) {
                // liked lengths 0, 5, ..., 45 and disliked ones up to as long: every width group and the empty set
                liked[r] = random.ints(r * 5 % 50, 0, 6).toArray();
                disliked[r] = random.ints(random.nextInt(liked[r].length + 1), 0, 6).toArray();
                pos[r] = random.nextInt(6);
                neg[2 * r] = random.nextInt(6);
                neg[2 * r + 1] = random.nextInt(6);
            }
            assertThat(CrmMan.lengthGroups(liked, disliked).length).isEqualTo(4);
            float[][] out = model.groupedThenPadded(context, liked, disliked, pos, neg);
            assertThat(out[0][0]).isCloseTo(out[2][0], within(1e-5f));
            assertThat(out[1]).containsExactly(out[3], within(1e-5f));
            assertThat(out[1]).isNotEqualTo(new float[out[1].length]);
        }
    }

    @Test
    void lengthGroupsCoverEveryRowOnceByTheLongerSet() {
        int[][] liked = {new int[3], new int[40], new int[9], new int[0], new int[16]};
        int[][] disliked = {new int[20], new int[1], new int[2], new int[0], new int[1]};
        // the longer sets: 20, 40, 9, 0, 16 -> widths <= 8: {3}; <= 16: {2, 4}; <= 32: {0}; longer: {1}
        assertThat(CrmMan.lengthGroups(liked, disliked)).isDeepEqualTo(new int[][] {{3}, {2, 4}, {0}, {1}});
    }
}
