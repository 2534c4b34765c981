package org.mmkgrec.embedding.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.embedding.TinyMmkg;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

class TrainerTest {
    @TempDir
    static Path dir;
    static GraphStore store;
    static InteractionData data;

    @BeforeAll
    static void load() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dir.resolve("graph"), "32m"));
        TinyMmkg.create(store.db());
        // eval rows: u1 likes i3, not i6
        store.db().executeTransactionally("""
                MATCH (u:User {id: 'u1'}), (a:Item {id: 'i3'}), (b:Item {id: 'i6'})
                CREATE (u)-[:INTERACTED {label: 1, split: 'eval'}]->(a), (u)-[:INTERACTED {label: 0, split: 'eval'}]->(b)""");
        data = InteractionData.fromGraph(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    /**
     * A model whose eval AUC is 0 up to epoch 9, 0.5 at 10, 1 at 11-19 and 0 from 20 on: the score of
     * i3 against i6 follows the epoch. Column 1 of every item records the epoch of the snapshot
     * (the user's column 1 is 0, so it does not change scores).
     */
    static final class PeakingModel implements Trainable {
        final int epochs;
        final int divergeAt;
        int epoch;

        PeakingModel(int epochs, int divergeAt) {
            this.epochs = epochs;
            this.divergeAt = divergeAt;
        }

        @Override
        public String name() {
            return "peaking";
        }

        @Override
        public Schedule schedule() {
            return new Schedule(epochs, 0.01f, 1);
        }

        @Override
        public void build(TrainContext context, InteractionData d) {
            context.params().normal("w", 0.1f, 2, 2);
        }

        @Override
        public double epoch(TrainContext context, int e) {
            epoch = e + 1;
            return epoch == divergeAt ? Double.NaN : 1.0 / epoch;
        }

        @Override
        public Snapshot snapshot(TrainContext context) {
            float[][] users = new float[data.userCount()][2];
            users[0] = new float[] {1, 0};
            float[][] items = new float[data.itemCount()][2];
            float i3 = epoch < 10 ? -1 : epoch == 10 ? 0 : epoch < 20 ? 1 : -1;
            for (float[] item : items) {
                item[1] = epoch;
            }
            items[2][0] = i3;
            return new Snapshot(users, items);
        }
    }

    @Test
    void earlyStoppingKeepsTheBestChecksVectorsAndStopsWhenPatienceRunsOut() {
        PeakingModel model = new PeakingModel(100, -1);
        Trainer.Result r = Trainer.fit(model, data, new TrainOptions(5, 3, Validation.Metric.AUC, false));
        TrainHistory h = r.history();
        assertThat(h.checkEpochs()).containsExactly(5, 10, 15, 20, 25, 30);
        assertThat(h.checkValues()).containsExactly(0.0, 0.5, 1.0, 0.0, 0.0, 0.0);
        assertThat(h.bestEpoch()).isEqualTo(15);
        assertThat(h.stoppedEarly()).isTrue();
        assertThat(h.epochsRun()).isEqualTo(30);
        // the vectors are the epoch-15 snapshot's, not the last epoch's
        assertThat(r.vectors().items()[2]).containsExactly(1f, 15f);
        assertThat(h.evalBefore()).isEqualTo(1.0);
    }

    @Test
    void withoutPatienceEveryEpochRunsAndTheBestCheckIsStillKept() {
        Trainer.Result r = Trainer.fit(new PeakingModel(40, -1), data, new TrainOptions(5, 0, Validation.Metric.AUC, false));
        assertThat(r.history().epochsRun()).isEqualTo(40);
        assertThat(r.history().stoppedEarly()).isFalse();
        assertThat(r.history().bestEpoch()).isEqualTo(15);
        assertThat(r.vectors().items()[2][1]).isEqualTo(15f);
    }

    @Test
    void withoutAnEvalSplitTheLastEpochIsKept() {
        Trainer.Result r = Trainer.fit(new PeakingModel(12, -1), null, TrainOptions.defaults());
        assertThat(r.history().metric()).isNull();
        assertThat(r.history().bestEpoch()).isEqualTo(12);
        assertThat(r.vectors().items()[0][1]).isEqualTo(12f);
    }

    @Test
    void aNonFiniteLossStopsTrainingWithTheEpochAndWhatToTry() {
        assertThatThrownBy(() -> Trainer.fit(new PeakingModel(50, 4), data, TrainOptions.defaults()))
                .isInstanceOf(Trainer.DivergedException.class)
                .hasMessageContaining("peaking diverged at epoch 4 (loss NaN)")
                .hasMessageContaining("--param peaking.learningRate");
    }

    @Test
    void aDivergenceAfterACheckStopsTheFitAndKeepsTheBestCheck() {
        Trainer.Result r = Trainer.fit(new PeakingModel(50, 17), data, new TrainOptions(5, 4, Validation.Metric.AUC, false));
        TrainHistory h = r.history();
        assertThat(h.checkEpochs()).containsExactly(5, 10, 15);
        assertThat(h.bestEpoch()).isEqualTo(15);
        assertThat(h.stoppedEarly()).isTrue();
        assertThat(h.epochsRun()).isEqualTo(16);
        assertThat(h.losses()).allMatch(Double::isFinite);
        assertThat(r.vectors().items()[2]).containsExactly(1f, 15f);
    }

    @Test
    void listenersSeeTheStartEveryEpochWithItsChecksAndTheEndEvenWhenTheFitThrows() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        TrainListener recorder = new TrainListener() {
            @Override
            public void onStart(String model, Trainable.Schedule schedule, String metric) {
                seen.add("start " + model + " " + metric);
            }

            @Override
            public void onEpoch(int epoch, double loss, Double eval, double bestEval, int bestEpoch) {
                if (eval != null) {
                    seen.add("check " + epoch + " " + eval + " best@" + bestEpoch);
                }
            }

            @Override
            public void onEnd(TrainHistory history) {
                seen.add("end " + history.epochsRun());
            }
        };
        Trainer.fit(new PeakingModel(20, -1), data, new TrainOptions(10, 0, Validation.Metric.AUC, false), java.util.List.of(recorder));
        assertThat(seen).containsExactly("start peaking auc", "check 10 0.5 best@10", "check 20 0.0 best@10", "end 20");
        seen.clear();
        assertThatThrownBy(() -> Trainer.fit(new PeakingModel(20, 3), data, TrainOptions.defaults(), java.util.List.of(recorder)))
                .isInstanceOf(Trainer.DivergedException.class);
        assertThat(seen).containsExactly("start peaking auc", "end 3");
    }

    @Test
    void longEpochsAreCheckedMoreOftenSoPatienceIsNotCountedInFiveEpochSteps() {
        long n = data.trainPositiveCount();
        java.util.List<Integer> checks = new java.util.ArrayList<>();
        TrainListener recorder = new TrainListener() {
            @Override
            public void onEpoch(int epoch, double loss, Double eval, double bestEval, int bestEpoch) {
                if (eval != null) {
                    checks.add(epoch);
                }
            }
        };
        // at most 2 epochs' positives between checks: every 2 epochs instead of 5
        Trainer.fit(new PeakingModel(8, -1), data, new TrainOptions(5, 2 * n + 1, 0, Validation.Metric.AUC, false),
                java.util.List.of(recorder));
        assertThat(checks).containsExactly(2, 4, 6, 8);
        checks.clear();
        // fewer positives than one epoch: every epoch, so the peak is found at its first epoch (11, not 15)
        Trainer.Result r = Trainer.fit(new PeakingModel(20, -1), data, new TrainOptions(5, n / 2, 0, Validation.Metric.AUC, false),
                java.util.List.of(recorder));
        assertThat(checks).startsWith(1, 2, 3).endsWith(19, 20).hasSize(20);
        assertThat(r.history().bestEpoch()).isEqualTo(11);
        assertThat(r.vectors().items()[2]).containsExactly(1f, 11f);
        // 0 turns the bound off; the default keeps small data sets at 5
        assertThat(new TrainOptions(5, 0, 4, null, true).interval(10 * n)).isEqualTo(5);
        assertThat(TrainOptions.defaults().interval(81_000)).isEqualTo(5);
        assertThat(TrainOptions.defaults().interval(127_000)).isEqualTo(3);
        assertThat(TrainOptions.defaults().interval(600_000)).isEqualTo(1);
    }

    @Test
    void topSelectsTheBestNotExcludedItemsInOrderWithTiesByIndex() {
        float[] s = {0.5f, 0.9f, 0.1f, 0.9f, 0.7f, 0.3f};
        assertThat(Validation.top(s, new int[] {}, 3)).containsExactly(1, 3, 4);
        assertThat(Validation.top(s, new int[] {1, 4}, 3)).containsExactly(3, 0, 5);
        assertThat(Validation.top(s, new int[] {0, 1, 2, 3, 4}, 3)).containsExactly(5);
    }

    @Test
    void theValidationSliceMovesATenthOfEachLargeHistoryToTheEvalSplit() {
        InteractionData sliced = data.withValidationSlice(0.1, 3);
        // every tiny user has 2 positives: too few to slice, nothing moves
        assertThat(sliced.trainPositiveCount()).isEqualTo(data.trainPositiveCount());
        assertThat(sliced.evalUsers).hasSize(data.evalUsers.length);
        // graph-walking models are told the eval rows are not the graph's own eval split
        assertThat(sliced.evalSliced()).isTrue();
        assertThat(data.evalSliced()).isFalse();
    }
}
