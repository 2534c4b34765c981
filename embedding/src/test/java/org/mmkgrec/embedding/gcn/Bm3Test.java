package org.mmkgrec.embedding.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.kg.ItemModalities;
import org.mmkgrec.embedding.nn.Fusion;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/**
 * BM3's losses against their formulas, its stop-gradient, and its training on two taste groups whose
 * items differ by text and by KG genre.
 */
class Bm3Test {
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

    private static Bm3.Config config(int seed, String modalities, Fusion fusion) {
        return config(seed, modalities, fusion, true);
    }

    private static Bm3.Config config(int seed, String modalities, Fusion fusion, boolean tuneFeatures) {
        return new Bm3.Config(8, 1, 40, 4, 0.01f, 0.3f, 0.1f, 2f, 2f, true, tuneFeatures, modalities, fusion, seed);
    }

    @Test
    void negativeCosineIsOneMinusTheMeanCosineOfTheRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 0, 3, 4}, new Shape(2, 2));
            NDArray b = m.create(new float[] {0, 2, 4, 3}, new Shape(2, 2));
            // row 1: orthogonal, cos 0; row 2: (12 + 12) / 25 = 0.96
            assertThat(Bm3.negativeCosine(a, b).getFloat()).isCloseTo(1 - (0 + 0.96f) / 2, within(1e-6f));
            assertThat(Bm3.negativeCosine(a, a).getFloat()).isCloseTo(0f, within(1e-6f));
            // reconstruction C(u~, i.) + C(i~, u.); alignment and masking are C of their two arguments
            NDArray u = m.create(new float[] {1, 1, 0, 1}, new Shape(2, 2));
            float cosUb = (float) ((2 / (Math.sqrt(2) * 2) + 3 / 5.0) / 2);
            float cosAu = (float) ((1 / Math.sqrt(2) + 4 / 5.0) / 2);
            assertThat(Bm3.reconstruction(u, a, u, b).getFloat()).isCloseTo((1 - cosUb) + (1 - cosAu), within(1e-6f));
            assertThat(Bm3.alignment(a, b).getFloat()).isCloseTo(0.52f, within(1e-6f));
            assertThat(Bm3.masking(u, b).getFloat()).isCloseTo(1 - cosUb, within(1e-6f));
        }
    }

    @Test
    void theTargetViewGetsNoGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray online = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray target = m.create(new float[] {2, 1, 0, 5}, new Shape(2, 2));
            online.setRequiresGradient(true);
            target.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(Bm3.reconstruction(online, online, target, target).add(Bm3.masking(online, target)));
            }
            float[] onlineGrad = online.getGradient().toFloatArray();
            float[] targetGrad = target.getGradient().toFloatArray();
            assertThat(targetGrad).containsOnly(0f);
            double norm = 0;
            for (float g : onlineGrad) {
                norm += g * g;
            }
            assertThat(norm).isGreaterThan(1e-6);
        }
    }

    @Test
    void selfLoopsAddTheIdentityBeforeNormalising() {
        // u0 likes i0: with loops both degrees are 2, the edge weighs 1/2 and each loop 1/2
        NormalizedAdjacency a = NormalizedAdjacency.of(1, 1, new int[][] {{0}}, true);
        assertThat(a.nonZeros()).isEqualTo(4);
        assertThat(a.values()).containsExactly(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, within(1e-7f));
        assertThat(a.rows()).containsExactly(0, 1, 0, 1);
        assertThat(a.columns()).containsExactly(1, 0, 0, 1);
    }

    @Test
    void lossFallsTheOwnGroupWinsAndEveryModalityIsUsed() {
        Bm3 tuned = new Bm3(store.db(), config(7, ItemModalities.ALL, Fusion.LATE));
        tuned.fit(data);
        List<Double> tunedLosses = tuned.lossCurve();
        assertThat(tunedLosses.get(tunedLosses.size() - 1)).isLessThan(tunedLosses.get(0) * 0.5);
        // with fixed features the alignment carries the groups' shared text and genre to their items
        Bm3 model = new Bm3(store.db(), config(7, ItemModalities.ALL, Fusion.LATE, false));
        model.fit(data);
        assertThat(model.modalities()).containsExactly("text", "kg");
        List<Double> losses = model.lossCurve();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        // the items of a group (shared text and genre, shared likers) end up closer to each other than to the other group's
        for (int seed = 1; seed <= 4; seed++) {
            Bm3 m = new Bm3(store.db(), config(seed, ItemModalities.ALL, Fusion.LATE, false));
            m.fit(data);
            float[][] items = m.itemVectors();
            for (int a = 0; a < 6; a++) {
                for (int b = 0; b < 6; b++) {
                    for (int c = 0; c < 6; c++) {
                        if (a != b && (a < 3) == (b < 3) && (a < 3) != (c < 3)) {
                            assertThat(cosine(items[a], items[b])).as("seed %d: i%d~i%d vs i%d", seed, a + 1, b + 1, c + 1)
                                    .isGreaterThan(cosine(items[a], items[c]));
                        }
                    }
                }
            }
        }
        assertThat(model.userVectors()[0]).hasSize(8);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void theSameSeedGivesTheSameVectors() {
        Bm3 a = new Bm3(store.db(), config(11, "text", Fusion.LATE));
        Bm3 b = new Bm3(store.db(), config(11, "text", Fusion.LATE));
        a.fit(data);
        b.fit(data);
        assertThat(a.userVectors()).isDeepEqualTo(b.userVectors());
        assertThat(a.itemVectors()).isDeepEqualTo(b.itemVectors());
        Bm3 other = new Bm3(store.db(), config(12, "text", Fusion.LATE));
        other.fit(data);
        assertThat(other.userVectors()[0]).isNotEqualTo(a.userVectors()[0]);
    }

    @Test
    void earlyFusionProjectsTheConcatenationOnceAndAttentionIsRefused() {
        Bm3 model = new Bm3(store.db(), config(7, "text,kg", Fusion.EARLY));
        model.fit(data);
        assertThat(model.modalities()).containsExactly("text+kg");
        Bm3 idOnly = new Bm3(store.db(), config(7, "none", Fusion.LATE));
        idOnly.fit(data);
        assertThat(idOnly.modalities()).isEmpty();
        assertThatThrownBy(() -> config(7, "all", Fusion.ATTENTION)).hasMessageContaining("early or late");
        assertThatThrownBy(() -> new Bm3(store.db(), config(7, "text,image", Fusion.LATE)).fit(data))
                .hasMessageContaining("modality `image` is not in this graph").hasMessageContaining("[text, kg]");
    }
}
