package org.mmkgrec.embedding.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.gcn.Mmgcn;
import org.mmkgrec.embedding.kg.ItemModalities;
import org.mmkgrec.embedding.nn.Fusion;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.version.VectorModel;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/**
 * The fusion switch: the inputs each mode gives a model, the attention weights, and MF with side
 * features and MMGCN under early, late and attention fusion (shapes, weights, own group wins).
 */
class MfSideAndFusionTest {
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

    @Test
    void earlyFusionConcatenatesTheModalitiesLateAndAttentionKeepThem() {
        Map<String, float[][]> m = new LinkedHashMap<>();
        m.put("text", new float[][] {{1, 2}, {3, 4}});
        m.put("kg", new float[][] {{5, 6, 7}, {8, 9, 10}});
        Map<String, float[][]> early = Fusion.EARLY.arrange(m, 2);
        assertThat(early).containsOnlyKeys("text+kg");
        assertThat(early.get("text+kg")[1]).containsExactly(3, 4, 8, 9, 10);
        assertThat(Fusion.LATE.arrange(m, 2)).containsOnlyKeys("text", "kg");
        assertThat(Fusion.ATTENTION.arrange(m, 2)).containsOnlyKeys("text", "kg");
        assertThat(Fusion.EARLY.arrange(Map.of(), 2)).isEmpty();
    }

    @Test
    void attentionWeightsAreASoftmaxPerRow() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray x = mgr.create(new float[] {1, 0, 0, 1, 2, -1}, new Shape(3, 2));
            NDArray w = mgr.create(new float[] {1, 0, -1, 0, 1, 2}, new Shape(2, 3));
            NDArray b = mgr.create(new float[] {0, 0.5f, 0});
            float[] a = Fusion.weights(x, w, b).toFloatArray();
            for (int r = 0; r < 3; r++) {
                assertThat(a[3 * r] + a[3 * r + 1] + a[3 * r + 2]).isCloseTo(1f, within(1e-6f));
            }
            // row 0: logits (1, 0.5, -1)
            double z = Math.exp(1) + Math.exp(0.5) + Math.exp(-1);
            assertThat(a[0]).isCloseTo((float) (Math.exp(1) / z), within(1e-6f));
            // the query is taken at unit length: a user vector 100x as long gets the same weights
            assertThat(Fusion.weights(x.mul(100f), w, b).toFloatArray()).containsExactly(a, within(1e-6f));
        }
    }

    private static MfSide.Config mfSide(Fusion fusion) {
        return new MfSide.Config(8, 80, 4, 0.05f, 1e-4f, ItemModalities.ALL, fusion, 5);
    }

    @Test
    void mfSideUnderEachFusionHasTheExpectedShapesAndRanksTheOwnGroupFirst() {
        for (Fusion f : Fusion.values()) {
            MfSide model = new MfSide(store.db(), mfSide(f));
            model.fit(data);
            int components = f == Fusion.EARLY ? 2 : 3; // id + text+kg, or id, text, kg
            assertThat(model.components()).hasSize(components);
            int width = f == Fusion.EARLY ? 8 : 8 * components;
            assertThat(model.userVectors()[0]).as(f.name()).hasSize(width);
            assertThat(model.itemVectors()[5]).as(f.name()).hasSize(width);
            assertFitted(model, f);
            assertWeights(model, f, List.of("id", "text", "kg"));
        }
        assertThatThrownBy(() -> new MfSide.Config(8, 1, 4, 0.05f, 0f, "text", null, 1)).hasMessageContaining("fusion");
        // from the command line: the switch names its values, a malformed modality list is refused
        MfSide.Config defaults = MfSide.Config.defaults(1);
        assertThat(ModelParams.parse(List.of("mf-side.fusion=Attention")).apply("mf-side", defaults).fusion())
                .isEqualTo(Fusion.ATTENTION);
        assertThatThrownBy(() -> ModelParams.parse(List.of("mf-side.fusion=sideways")).apply("mf-side", defaults))
                .hasMessageContaining("[early, late, attention]");
        assertThatThrownBy(() -> ModelParams.parse(List.of("mf-side.modalities=Text;KG")).apply("mf-side", defaults))
                .hasMessageContaining("`modalities` names lower-case modalities");
    }

    @Test
    void withoutSideFeaturesItIsBprMfExactly() {
        MfSide none = new MfSide(store.db(), new MfSide.Config(8, 30, 4, 0.05f, 1e-3f, ItemModalities.NONE, Fusion.EARLY, 9));
        BprMf plain = new BprMf(new BprMf.Config(8, 30, 4, 0.05f, 1e-3f, 9));
        none.fit(data);
        plain.fit(data);
        assertThat(none.components()).containsExactly("id");
        // the same draws, the same loss (summed in another order, so equal to float rounding)
        for (int u = 0; u < data.userCount(); u++) {
            assertThat(none.userVectors()[u]).containsExactly(plain.userVectors()[u], within(1e-5f));
        }
        for (int i = 0; i < data.itemCount(); i++) {
            assertThat(none.itemVectors()[i]).containsExactly(plain.itemVectors()[i], within(1e-5f));
        }
        // with the side features the item vectors differ: items of one group share their text and genre
        MfSide side = new MfSide(store.db(), new MfSide.Config(8, 30, 4, 0.05f, 1e-3f, "text", Fusion.EARLY, 9));
        side.fit(data);
        assertThat(side.itemVectors()[0]).isNotEqualTo(plain.itemVectors()[0]);
    }

    @Test
    void mmgcnTakesTheFusionSwitchAndTheKgModality() {
        for (Fusion f : Fusion.values()) {
            Mmgcn model = new Mmgcn(store.db(), new Mmgcn.Config(8, 1, 60, 4, 0.05f, 1e-4f, "text,kg", f, 7));
            model.fit(data);
            List<String> expected = f == Fusion.EARLY ? List.of("id", "text+kg") : List.of("id", "text", "kg");
            assertThat(model.modalities()).containsExactlyElementsOf(expected);
            assertThat(model.userVectors()[0]).hasSize(8 * expected.size());
            assertFitted(model, f);
            assertWeights(model, f, expected);
        }
    }

    /** The loss fell by half and every user's liked items outscore the other group's items. */
    private static void assertFitted(org.mmkgrec.embedding.train.TrainedModel model, Fusion f) {
        List<Double> losses = model.lossCurve();
        assertThat(losses.get(losses.size() - 1)).as(f + " loss").isLessThan(losses.get(0) * 0.5);
        for (int u = 0; u < 6; u++) {
            float[] s = model.scores(u);
            int from = u < 3 ? 3 : 0;
            for (int liked : data.trainPositives[u]) {
                for (int other = from; other < from + 3; other++) {
                    assertThat(s[liked]).as(f + " user " + u + " item " + liked + " vs " + other).isGreaterThan(s[other]);
                }
            }
        }
    }

    /** Attention keeps one weight per user and modality, summing to one; the other fusions keep none. */
    private static void assertWeights(VectorModel model, Fusion f, List<String> modalities) {
        Snapshot.ModalityWeights w = model.modalityWeights();
        if (f != Fusion.ATTENTION) {
            assertThat(w).isNull();
            return;
        }
        assertThat(w.modalities()).containsExactlyElementsOf(modalities);
        assertThat(w.users()).hasNumberOfRows(data.userCount());
        for (float[] row : w.users()) {
            float sum = 0;
            for (float x : row) {
                assertThat(x).isBetween(0f, 1f);
                sum += x;
            }
            assertThat(sum).isCloseTo(1f, within(1e-5f));
        }
    }
}
