package org.mmkgrec.embedding.version;

import org.mmkgrec.embedding.eval.Recommender;

/** A model whose score is the dot product of a user vector and an item vector (after {@code fit}). */
public interface VectorModel extends Recommender {
    /** Indexed like the training data's users. */
    float[][] userVectors();

    /** Indexed like the training data's items. */
    float[][] itemVectors();

    /** The dot product of the user's vector with every item's: the score of every vector model. */
    @Override
    default float[] scores(int user) {
        return org.mmkgrec.embedding.data.BprSampler.dotScores(userVectors()[user], itemVectors());
    }

    /**
     * The dot products with just those items' vectors. The popularity prior, when kept, is part of the
     * vectors (an extra dimension), so it applies here as in {@link #scores(int)}.
     */
    @Override
    default float[] scores(int user, int[] items) {
        return org.mmkgrec.embedding.data.BprSampler.dotScores(userVectors()[user], itemVectors(), items);
    }

    /**
     * Vectors of the KG entities other than items, by entity id, for models that learn them (TransE,
     * MKGAT); written back beside the user and item vectors. Empty for the others.
     */
    default java.util.Map<String, float[]> entityVectors() {
        return java.util.Map.of();
    }

    /**
     * Each user's weight of each modality, for models with attention fusion (written back with the
     * vectors and shown in the answer's explanation); null for the others.
     */
    default org.mmkgrec.embedding.train.Snapshot.ModalityWeights modalityWeights() {
        return null;
    }

    /** What the last fit did (losses, eval checks, kept epoch), or null for models not trained by the Trainer. */
    default org.mmkgrec.embedding.train.TrainHistory history() {
        return null;
    }
}
