package org.mmkgrec.embedding.kg;

import java.util.List;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.version.VectorModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * TransE alone as a recommender ({@code --model transe}): KG embeddings of the items (their entity
 * vectors, unit length), a user the mean of their liked items' vectors, score = dot product. Items
 * outside the KG get the zero vector. What it is for: KG-based similar items and a content-free
 * baseline of the KG's own signal; written back like every vector model.
 */
public final class TransERecommender implements VectorModel {
    private final GraphDatabaseService db;
    private final TransE transE;
    private float[][] users;
    private float[][] items;
    private java.util.Map<String, float[]> entityVectors = java.util.Map.of();

    public TransERecommender(GraphDatabaseService db, TransE.Config config) {
        this.db = db;
        this.transE = new TransE(config);
    }

    @Override
    public String name() {
        return "transe";
    }

    @Override
    public void fit(InteractionData data) {
        KgData kg = KgData.fromGraph(db);
        transE.fit(kg);
        float[][] entities = transE.entityVectors();
        int d = entities.length == 0 ? 1 : entities[0].length;
        java.util.Map<String, String> entityOfItem = db.executeTransactionally(
                "MATCH (i:Item:Entity) RETURN i.id AS id, i.entityId AS e", java.util.Map.of(), rows -> {
                    java.util.Map<String, String> m = new java.util.HashMap<>();
                    rows.forEachRemaining(r -> m.put((String) r.get("id"), (String) r.get("e")));
                    return m;
                });
        items = new float[data.itemCount()][d];
        for (int i = 0; i < items.length; i++) {
            int e = kg.entity(entityOfItem.getOrDefault(data.items.get(i), ""));
            if (e >= 0) {
                items[i] = unit(entities[e]);
            }
        }
        java.util.Map<String, float[]> byId = new java.util.HashMap<>();
        for (int e = 0; e < entities.length; e++) {
            byId.put(kg.entities.get(e), unit(entities[e]));
        }
        entityVectors = byId;
        users = new float[data.userCount()][d];
        for (int u = 0; u < users.length; u++) {
            int[] liked = data.trainPositives[u];
            for (int i : liked) {
                for (int k = 0; k < d; k++) {
                    users[u][k] += items[i][k] / liked.length;
                }
            }
        }
    }

    @Override
    public java.util.Map<String, float[]> entityVectors() {
        return entityVectors;
    }


    @Override
    public List<Double> lossCurve() {
        return transE.lossCurve();
    }

    @Override
    public float[][] userVectors() {
        return users;
    }

    @Override
    public float[][] itemVectors() {
        return items;
    }

    private static float[] unit(float[] x) {
        double n = 0;
        for (float v : x) {
            n += v * v;
        }
        float[] out = new float[x.length];
        if (n > 0) {
            for (int k = 0; k < x.length; k++) {
                out[k] = (float) (x[k] / Math.sqrt(n));
            }
        }
        return out;
    }
}
