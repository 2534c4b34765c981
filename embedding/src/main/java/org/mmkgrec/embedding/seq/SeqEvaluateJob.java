package org.mmkgrec.embedding.seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.eval.EvaluationReport;
import org.mmkgrec.embedding.eval.PerSeed;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The sequential (next-item) protocol: each user's items in time order ({@link SeqData#fromGraph}),
 * leave-one-out (the last item is the test item, the one before it the validation item); every model
 * fitted on the training sequences (validation items for early stopping), then every item ranked
 * after each test user's history (training sequence and validation item), the history's items left
 * out ({@link SeqMetrics}). The test items are read here, once, and only scored against after the fits.
 */
public final class SeqEvaluateJob {
    private final GraphDatabaseService db;
    private final PerSeed.Settings settings;

    /** Each learned model is fitted with seeds {@code seed .. seed + seeds - 1}; figures are their mean (and sd). */
    public SeqEvaluateJob(GraphDatabaseService db, PerSeed.Settings settings) {
        SeqModels.check(settings.models());
        this.db = db;
        this.settings = settings;
    }

    public EvaluationReport run() {
        long t0 = System.nanoTime();
        SeqData.Read read = SeqData.fromGraph(db);
        SeqData corpus = read.data();
        SeqData.Split split = corpus.leaveOneOut();
        List<Integer> testUsers = SeqData.testUsers(split);
        long events = 0;
        for (int u = 0; u < corpus.userCount(); u++) {
            events += corpus.sequence(u).length;
        }
        System.err.printf("next-item protocol (sequences from %s): %,d users, %,d items, %,d events; %,d test users "
                        + "(fewer than 3 items: training only)%n", read.source().name().toLowerCase(java.util.Locale.ROOT),
                corpus.userCount(), corpus.itemCount(), events, testUsers.size());
        int[][] testHistories = new int[corpus.userCount()][];
        for (int u = 0; u < corpus.userCount(); u++) {
            testHistories[u] = split.testHistory(u);
        }
        List<EvaluationReport.ModelResult> rows = new ArrayList<>();
        for (String name : settings.models()) {
            int n = name.equals("pop") ? 1 : settings.seeds(); // most-popular draws nothing at random
            rows.add(PerSeed.run(name, settings.seed(), n, s -> {
                NextModel model = SeqModels.create(name, s, settings.params(), settings.train());
                long f0 = System.nanoTime();
                model.fit(split.training());
                double fit = PerSeed.since(f0);
                long s0 = System.nanoTime();
                Map<String, Double> metrics = SeqMetrics.mean(model, corpus.itemCount(), testHistories, split.test());
                return new PerSeed.Outcome(metrics, model.note(), model.lossCurve(), fit, PerSeed.since(s0));
            }));
        }
        return PerSeed.report(settings.dataset(), "next", settings.seed(), testUsers.size(), rows, t0);
    }
}
