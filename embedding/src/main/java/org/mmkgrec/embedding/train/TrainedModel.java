package org.mmkgrec.embedding.train;

import java.util.List;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;

/**
 * A vector model trained by the {@link Trainer}: {@link #fit} runs the one training loop and keeps the
 * vectors it returns (the best eval check's, with the popularity prior when it helped).
 */
public abstract class TrainedModel implements VectorModel, Trainable {
    private final TrainOptions options;
    private Snapshot vectors;
    private TrainHistory history;

    protected TrainedModel(TrainOptions options) {
        this.options = options == null ? TrainOptions.defaults() : options;
    }

    public TrainOptions options() {
        return options;
    }

    @Override
    public void fit(InteractionData data) {
        Trainer.Result r = Trainer.fit(this, data, options);
        vectors = r.vectors();
        history = r.history();
    }

    @Override
    public TrainHistory history() {
        return history;
    }

    @Override
    public List<Double> lossCurve() {
        return history == null ? List.of() : history.losses();
    }

    @Override
    public float[][] userVectors() {
        return vectors.users();
    }

    @Override
    public float[][] itemVectors() {
        return vectors.items();
    }

    @Override
    public Map<String, float[]> entityVectors() {
        return vectors.entities();
    }

    @Override
    public Snapshot.ModalityWeights modalityWeights() {
        return vectors == null ? null : vectors.weights();
    }
}
