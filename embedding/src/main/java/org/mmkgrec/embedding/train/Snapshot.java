package org.mmkgrec.embedding.train;

import java.util.Map;

/**
 * A model's vectors at one moment: users and items indexed like the training data (their dot
 * product is the model's score), the vectors of KG entities other than items (by entity id) for
 * models that learn them, and each user's modality weights for models with attention fusion (null
 * for the others).
 */
public record Snapshot(float[][] users, float[][] items, Map<String, float[]> entities, ModalityWeights weights) {
    public Snapshot {
        entities = entities == null ? Map.of() : entities;
    }

    public Snapshot(float[][] users, float[][] items, Map<String, float[]> entities) {
        this(users, items, entities, null);
    }

    public Snapshot(float[][] users, float[][] items) {
        this(users, items, Map.of());
    }

    /**
     * How much each user's score leans on each modality (attention fusion): {@code users[u][m]} is
     * user u's weight of {@code modalities.get(m)}; each row sums to one.
     */
    public record ModalityWeights(java.util.List<String> modalities, float[][] users) {
        public ModalityWeights {
            modalities = java.util.List.copyOf(modalities);
        }
    }

    /**
     * The state of a model that is not a user-item scorer (the tag models): its parameters by name,
     * each flattened row-major, kept in {@link #entities()}; no user or item rows.
     */
    public static Snapshot ofParameters(Map<String, float[]> parameters) {
        return new Snapshot(new float[0][], new float[0][], Map.copyOf(parameters), null);
    }

    /** Whether every user and item value (and every parameter of {@link #ofParameters}) is finite. */
    public boolean finite() {
        if (users.length == 0 && items.length == 0) {
            for (float[] p : entities.values()) {
                for (float x : p) {
                    if (!Float.isFinite(x)) {
                        return false;
                    }
                }
            }
        }
        return finite(users) && finite(items);
    }

    private static boolean finite(float[][] rows) {
        for (float[] row : rows) {
            for (float x : row) {
                if (!Float.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows of a flat row-major array. */
    public static float[][] rows(float[] flat, int n, int d) {
        return rows(flat, 0, n, d);
    }

    /** Rows {@code from .. from + n} of a flat row-major array with {@code d} columns. */
    public static float[][] rows(float[] flat, int from, int n, int d) {
        float[][] out = new float[n][d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, (from + r) * d, out[r], 0, d);
        }
        return out;
    }
}
