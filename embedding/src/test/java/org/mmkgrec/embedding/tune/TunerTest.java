package org.mmkgrec.embedding.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.EvaluateJob;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class TunerTest {
    @TempDir
    Path dir;

    static final String TEST_ROWS = "user\titem\tlabel\trating\ttimestamp\nu2\ti1\t1\tNaN\t-1\nu2\ti4\t0\tNaN\t-1\nu5\ti6\t1\tNaN\t-1\nu5\ti3\t0\tNaN\t-1\n";
    static final String FLIPPED = "user\titem\tlabel\trating\ttimestamp\nu2\ti1\t0\tNaN\t-1\nu2\ti4\t1\tNaN\t-1\nu5\ti6\t0\tNaN\t-1\nu5\ti3\t1\tNaN\t-1\n";

    @Test
    void trialsAreJudgedOnTheEvalSplitOnlyAndTheTestPartChangesNothingButTheFinalFigure() throws Exception {
        Path heldOut = dir.resolve("heldout/test.tsv");
        Files.createDirectories(heldOut.getParent());
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)
                    WITH count(*) AS done
                    MATCH (u:User {id: 'u4'}), (a:Item {id: 'i6'}), (b:Item {id: 'i2'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
            // the store knows where its test part lies, as a loaded store does
            store.db().executeTransactionally("CREATE (:Dataset {name: 'tiny', split: 'kgcn', testFile: $f})",
                    Map.of("f", heldOut.toString()));
            EvaluateConfig config = EvaluateConfig.defaults(List.of("bprmf"), EvaluateConfig.Protocol.CTR)
                    .withParams(ModelParams.parse(List.of("bprmf.epochs=20")));
            List<Map<String, String>> trials = SearchSpace.trials("bprmf", 4, false, 7);
            assertThat(trials.get(0)).isEmpty();
            assertThat(trials).doesNotHaveDuplicates();

            Files.writeString(heldOut, TEST_ROWS);
            InteractionData data = InteractionData.fromGraph(store.db());
            Tuner.Result first = new Tuner(store.db()).run("bprmf", data, config, trials);
            Map<String, Double> testFirst = EvaluateJob.score(first.bestModel(), data, data.testSet(heldOut), config);

            // other test rows (labels flipped), then none at all: the search is the same, only the final figure moves
            Files.writeString(heldOut, FLIPPED);
            Tuner.Result second = new Tuner(store.db()).run("bprmf", InteractionData.fromGraph(store.db()), config, trials);
            Files.delete(heldOut);
            Tuner.Result third = new Tuner(store.db()).run("bprmf", InteractionData.fromGraph(store.db()), config, trials);
            for (Tuner.Result other : List.of(second, third)) {
                assertThat(other.trials()).extracting(Tuner.Trial::eval).isEqualTo(first.trials().stream().map(Tuner.Trial::eval).toList());
                assertThat(other.best().index()).isEqualTo(first.best().index());
            }
            Files.writeString(heldOut, FLIPPED);
            Map<String, Double> testFlipped = EvaluateJob.score(second.bestModel(), data, data.testSet(heldOut), config);
            assertThat(testFlipped.get("auc")).isEqualTo(1 - testFirst.get("auc"), org.assertj.core.api.Assertions.within(1e-9));

            // the chosen trial is the highest by eval metric, or the defaults when it leads them by one standard error or less
            Tuner.Trial defaults = first.trials().get(0);
            Tuner.Trial highest = first.trials().stream().max(java.util.Comparator.comparingDouble(Tuner.Trial::eval)).orElseThrow();
            if (highest.eval() - defaults.eval() > defaults.standardError()) {
                assertThat(first.best().eval()).isEqualTo(highest.eval());
                assertThat(first.rule()).isEmpty();
            } else {
                assertThat(first.best().index()).isZero();
                assertThat(first.bestModel()).isNotNull();
            }
            assertThat(first.trials()).hasSize(4);
        }
    }

    @Test
    void aDivergingTrialIsRecordedAndTheSearchGoesOn() throws Exception {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"))) {
            TinyMmkg.create(store.db());
            store.db().executeTransactionally("""
                    MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                    CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
            EvaluateConfig config = EvaluateConfig.defaults(List.of("pop"), EvaluateConfig.Protocol.CTR);
            List<Map<String, String>> trials = List.of(Map.of(), Map.of("rate", "huge"), Map.of("rate", "fine"));
            Tuner.Result result = new Tuner(store.db()).run("pop", InteractionData.fromGraph(store.db()), config, trials, c -> {
                boolean diverges = c.params().of("pop").containsValue("huge");
                org.mmkgrec.embedding.baseline.MostPopular pop = new org.mmkgrec.embedding.baseline.MostPopular();
                return new org.mmkgrec.embedding.eval.Recommender() {
                    @Override
                    public String name() {
                        return "pop";
                    }

                    @Override
                    public void fit(InteractionData data) {
                        if (diverges) {
                            throw new org.mmkgrec.embedding.train.Trainer.DivergedException("pop diverged at epoch 3 (loss NaN)");
                        }
                        pop.fit(data);
                    }

                    @Override
                    public float[] scores(int user) {
                        return pop.scores(user);
                    }
                };
            });
            assertThat(result.trials()).hasSize(3);
            assertThat(result.trials().get(1).eval()).isNaN();
            assertThat(result.trials().get(2).eval()).isNotNaN();
            assertThat(result.best().eval()).isNotNaN();
            assertThat(result.bestModel()).isNotNull();
        }
    }

    @Test
    void aLeadWithinOneStandardErrorKeepsTheDefaults() {
        Tuner.Trial defaults = new Tuner.Trial(0, Map.of(), 0.2015, 0.0060, 1, 0, 0, 0);
        Tuner.Trial close = new Tuner.Trial(1, Map.of("neighbours", "20"), 0.2052, 0.0061, 1, 0, 0, 0);
        Tuner.Trial clear = new Tuner.Trial(2, Map.of("l2", "0.03"), 0.2200, 0.0062, 1, 0, 0, 0);
        assertThat(Tuner.keepsDefaults(defaults, close)).isTrue();
        assertThat(Tuner.keepsDefaults(defaults, clear)).isFalse();
        assertThat(Tuner.keepsDefaults(defaults, defaults)).isFalse();
    }

    @Test
    void theGridWalksEveryCombinationOnceAfterTheDefaults() {
        List<Map<String, String>> grid = SearchSpace.trials("itemknn", 1000, true, 1);
        assertThat(grid).hasSize(1 + 6 * 6).doesNotHaveDuplicates();
        assertThat(grid.get(1)).containsEntry("neighbours", "0").containsEntry("shrink", "0");
    }
}
