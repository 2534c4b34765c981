package org.mmkgrec.embedding.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.eval.EvaluationReport;
import org.mmkgrec.embedding.eval.PerSeed;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The tag protocol: the graph's posts split by time per user ({@link TagData#split}, 20% test, 10%
 * validation before it), every model fitted on the same training posts (validation posts for tuning
 * and early stopping), then fitted again on the training and validation posts with what it chose
 * (weights, the best epoch: {@link TagModel#refit}), so a test post is scored with every post before
 * it; then every tag ranked for every test post; figures averaged over test posts ({@link
 * TagMetrics}). The test posts are read here, once, and only scored against after the fits.
 */
public final class TagEvaluateJob {
    public static final double TEST_SHARE = 0.2;
    public static final double VALIDATION_SHARE = 0.1;

    private final GraphDatabaseService db;
    private final PerSeed.Settings settings;

    /** Each learned model is fitted with seeds {@code seed .. seed + seeds - 1}; figures are their mean (and sd). */
    public TagEvaluateJob(GraphDatabaseService db, PerSeed.Settings settings) {
        TagModels.check(settings.models());
        this.db = db;
        this.settings = settings;
    }

    public EvaluationReport run() {
        long t0 = System.nanoTime();
        TagData corpus = TagData.fromGraph(db);
        TagData.Split split = corpus.split(TEST_SHARE, VALIDATION_SHARE);
        System.err.printf("tag protocol: %,d users, %,d items, %,d tags; posts %,d training, %,d validation, %,d test%n",
                corpus.userCount(), corpus.itemCount(), corpus.tagCount(), split.training().train().size(),
                split.training().validation().size(), split.test().size());
        List<TagData.Post> before = new ArrayList<>(split.training().train());
        before.addAll(split.training().validation());
        TagData.Training all = new TagData.Training(corpus, before, List.of());
        List<EvaluationReport.ModelResult> rows = new ArrayList<>();
        for (String name : settings.models()) {
            // the count baselines draw nothing at random: one fit stands for every seed
            int n = TagHeuristics.NAMES.contains(name) ? 1 : settings.seeds();
            rows.add(PerSeed.run(name, settings.seed(), n, s -> {
                TagModel model = TagModels.create(name, s, settings.params(), settings.train());
                long f0 = System.nanoTime();
                model.fit(split.training());
                model.refit(all);
                double fit = PerSeed.since(f0);
                long s0 = System.nanoTime();
                Map<String, Double> metrics = TagMetrics.mean(model, split.test(), corpus.tagCount());
                return new PerSeed.Outcome(metrics, model.note(), model.lossCurve(), fit, PerSeed.since(s0));
            }));
        }
        return PerSeed.report(settings.dataset(), "tags", settings.seed(), split.test().size(), rows, t0);
    }
}
