package org.mmkgrec.embedding.version;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.EvaluateConfig;
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
    private final org.mmkgrec.embedding.train.TrainOptions train;
    private Integer keep;

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
        this(db, model, seed, split, reportDir, loss, params, null);
    }

    /** @param train the training loop's options (null: the defaults; a null metric: the split's protocol metric) */
    public TrainJob(GraphDatabaseService db, String model, int seed, String split, Path reportDir, Losses.Kind loss,
            ModelParams params, org.mmkgrec.embedding.train.TrainOptions train) {
        this.train = train;
        this.params = params;
        this.loss = loss;
        this.db = db;
        this.model = model;
        this.seed = seed;
        this.split = split;
        this.reportDir = reportDir;
    }

    /**
     * After the new version is active, prunes the older ones, keeping the {@code keep} newest
     * complete versions (the new one among them) and the active one ({@link ModelVersions#prune}).
     * Unset (the default): nothing is pruned.
     */
    public TrainJob keepVersions(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("`keep` must be >= 0, was " + keep);
        }
        this.keep = keep;
        return this;
    }

    public ModelVersions.Version run() {
        // a run killed while writing a version, or while pruning, is completed before anything new is written
        List<String> removed = ModelVersions.finishInterrupted(db, ModelVersions.PRUNE_BATCH, null);
        if (!removed.isEmpty()) {
            System.err.printf("removed %d model version(s) an interrupted train or prune left behind: %s%n",
                    removed.size(), removed);
        }
        // the eval metric of the split's protocol: AUC on the CTR split, Recall@20 on the others
        EvaluateConfig.Protocol protocol = "kgcn".equals(split) ? EvaluateConfig.Protocol.CTR : EvaluateConfig.Protocol.TOPK;
        org.mmkgrec.embedding.train.TrainOptions options = train == null
                ? org.mmkgrec.embedding.train.TrainOptions.defaults(protocol.evalMetric())
                : train.metric() == null ? train.withMetric(protocol.evalMetric()) : train;
        EvaluateConfig config = new EvaluateConfig(List.of(model), protocol, null, seed, 1, 128, loss, params, options);
        InteractionData data = org.mmkgrec.embedding.eval.EvaluateJob.trainingData(InteractionData.fromGraph(db), config);
        Recommender r = Models.create(model, config, db);
        if (!(r instanceof VectorModel vectors)) {
            throw new IllegalArgumentException("model `" + model + "` has no user and item vectors to write back; "
                    + "vector models: lightgcn, mmgcn, mkgat, crm-man, bm3, mf-side, bprmf, transe");
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
        Map<String, Double> metrics = evalMetrics(vectors, data, protocol.evalMetric());
        System.err.println("eval split: " + (metrics.isEmpty() ? "none in this store" : metrics));
        Map<String, Object> trainConfig = new java.util.TreeMap<>(params.of(model));
        trainConfig.put("seed", seed);
        if (loss != null) {
            trainConfig.put("loss", loss.name().toLowerCase(java.util.Locale.ROOT));
        }
        ModelVersions.Version v = ModelVersions.write(db, new ModelVersions.Trained(model, trainConfig, seed, split, seconds,
                metrics, data.users, vectors.userVectors(), data.items, vectors.itemVectors(), vectors.entityVectors(),
                vectors.modalityWeights()), 5_000, null);
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
                vectors.history(), page);
        System.err.printf("wrote version %s (vectors in `%s`, index %s) and made it active; %s per epoch, peak RSS %d MiB; "
                + "loss curve: %s%n", v.id(), v.property(), v.index(), figures.get("seconds per epoch"),
                org.mmkgrec.embedding.eval.EvaluateJob.peakRssMb(), page);
        if (keep != null) {
            ModelVersions.PruneResult pruned = ModelVersions.prune(db, keep);
            System.err.printf("pruned %d old model version(s) (--keep %d): %s; stored: %s%n", pruned.removed().size(), keep,
                    pruned.removed(), pruned.kept());
        }
        return v;
    }

    /** The eval split's metric of the final vectors (AUC or Recall@20), when the split has what it needs. */
    static Map<String, Double> evalMetrics(Recommender model, InteractionData data,
            org.mmkgrec.embedding.train.Validation.Metric metric) {
        Map<String, Double> m = new LinkedHashMap<>();
        org.mmkgrec.embedding.train.Validation v = new org.mmkgrec.embedding.train.Validation(data, metric);
        if (v.available()) {
            m.put(metric == org.mmkgrec.embedding.train.Validation.Metric.AUC ? "evalAuc" : "evalRecall@20", v.of(model));
        }
        return m;
    }
}
