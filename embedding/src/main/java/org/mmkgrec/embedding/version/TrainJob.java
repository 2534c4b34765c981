package org.mmkgrec.embedding.version;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
import org.mmkgrec.embedding.eval.Metrics;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.eval.Models;
import org.mmkgrec.embedding.nn.Losses;
import org.mmkgrec.embedding.eval.Recommender;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * {@code ./mmkg train}: trains a vector model on the graph's training side, measures it on the eval
 * split when the store has one, and writes its vectors back as a new, active model version.
 */
public final class TrainJob {
    private final GraphDatabaseService db;
    private final Losses.Kind loss;
    private final ModelParams params;
    private final String model;
    private final int seed;
    private final String split;
    private final Path reportDir;

    /** @param reportDir where the training page ({@code <version>.html}: figures, loss curve) goes */
    public TrainJob(GraphDatabaseService db, String model, int seed, String split, Path reportDir) {
        this(db, model, seed, split, reportDir, null);
    }

    /** @param loss the training loss for models that offer a choice (null: the model's default) */
    public TrainJob(GraphDatabaseService db, String model, int seed, String split, Path reportDir, Losses.Kind loss) {
        this(db, model, seed, split, reportDir, loss, ModelParams.NONE);
    }

    /** @param params hyperparameter overrides ({@code <model>.<name>=<value>}), recorded in the version's config */
    public TrainJob(GraphDatabaseService db, String model, int seed, String split, Path reportDir, Losses.Kind loss,
            ModelParams params) {
        this.params = params;
        this.loss = loss;
        this.db = db;
        this.model = model;
        this.seed = seed;
        this.split = split;
        this.reportDir = reportDir;
    }

    public ModelVersions.Version run() {
        int removed = ModelVersions.dropIncomplete(db);
        if (removed > 0) {
            System.err.printf("removed %d model version(s) a crash left half-written%n", removed);
        }
        InteractionData data = InteractionData.fromGraph(db);
        EvaluateConfig config = EvaluateConfig.defaults(List.of(model), EvaluateConfig.Protocol.CTR);
        config = new EvaluateConfig(config.models(), config.protocol(), config.ks(), seed, config.bprMf(),
                config.knnNeighbours(), config.fastRpDimension(), loss, params);
        Recommender r = Models.create(model, config, db);
        if (!(r instanceof VectorModel vectors)) {
            throw new IllegalArgumentException("model `" + model + "` has no user and item vectors to write back; "
                    + "vector models: lightgcn, mmgcn, mkgat, crm-man, bprmf, transe");
        }
        System.err.printf("training %s on %,d users, %,d items, %,d training positives%n", model, data.userCount(),
                data.itemCount(), data.trainPositiveCount());
        long t0 = System.nanoTime();
        vectors.fit(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Double> losses = vectors.lossCurve();
        System.err.printf("trained in %.1f s; loss %.4f -> %.4f over %d epochs%n", seconds,
                losses.isEmpty() ? Double.NaN : losses.get(0), losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1),
                losses.size());
        Map<String, Double> metrics = evalMetrics(vectors, data);
        System.err.println("eval split: " + (metrics.isEmpty() ? "none in this store" : metrics));
        Map<String, Object> trainConfig = new java.util.TreeMap<>(params.of(model));
        trainConfig.put("seed", seed);
        if (loss != null) {
            trainConfig.put("loss", loss.name().toLowerCase(java.util.Locale.ROOT));
        }
        ModelVersions.Version v = ModelVersions.write(db, new ModelVersions.Trained(model, trainConfig, seed, split, seconds,
                metrics, data.users, vectors.userVectors(), data.items, vectors.itemVectors(), vectors.entityVectors()), 5_000, null);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", model);
        figures.put("version", v.id());
        figures.put("split", split);
        figures.put("seed", seed);
        figures.put("users / items / training positives", data.userCount() + " / " + data.itemCount() + " / "
                + data.trainPositiveCount());
        figures.put("training seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
        figures.put("seconds per epoch", String.format(java.util.Locale.ROOT, "%.2f", seconds / Math.max(1, losses.size())));
        figures.put("peak RSS (MiB)", org.mmkgrec.embedding.eval.EvaluateJob.peakRssMb());
        figures.putAll(metrics);
        Path page = reportDir.resolve(v.id() + ".html");
        org.mmkgrec.embedding.eval.ReportWriter.writeTrainingHtml("MMKG-Rec training: " + v.id(), figures, losses,
                vectors.evalMonitor(), page);
        System.err.printf("wrote version %s (vectors in `%s`, index %s) and made it active; %s per epoch, peak RSS %d MiB; "
                + "loss curve: %s%n", v.id(), v.property(), v.index(), figures.get("seconds per epoch"),
                org.mmkgrec.embedding.eval.EvaluateJob.peakRssMb(), page);
        return v;
    }

    /** AUC on the eval split's labelled pairs, when it has both labels. */
    static Map<String, Double> evalMetrics(Recommender model, InteractionData data) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = data.evalUsers.length;
        boolean pos = false;
        boolean neg = false;
        double[] scores = new double[n];
        Map<Integer, float[]> cache = new java.util.HashMap<>();
        for (int k = 0; k < n; k++) {
            scores[k] = cache.computeIfAbsent(data.evalUsers[k], model::scores)[data.evalItems[k]];
            pos |= data.evalLabels[k] == 1;
            neg |= data.evalLabels[k] == 0;
        }
        if (pos && neg) {
            m.put("evalAuc", Metrics.auc(scores, data.evalLabels));
        }
        return m;
    }
}
