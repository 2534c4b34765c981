package org.mmkgrec.embedding.kg;

import java.util.HashMap;
import java.util.Map;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.train.Snapshot;
import org.mmkgrec.embedding.train.TrainContext;
import org.mmkgrec.embedding.train.TrainOptions;
import org.mmkgrec.embedding.train.TrainedModel;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * TransE alone as a recommender ({@code --model transe}): KG embeddings of the items (their entity
 * vectors, unit length), a user the mean of their liked items' vectors, score = dot product. Items
 * outside the KG get the zero vector. What it is for: KG-based similar items and a content-free
 * baseline of the KG's own signal; written back like every vector model. Trained by the shared
 * {@link org.mmkgrec.embedding.train.Trainer}, so the eval split chooses its epoch too.
 */
public final class TransERecommender extends TrainedModel {
    private final GraphDatabaseService db;
    private final TransE transE;
    private KgData kg;
    private int[] entityOfItem;
    private InteractionData data;

    public TransERecommender(GraphDatabaseService db, TransE.Config config) {
        this(db, config, null);
    }

    public TransERecommender(GraphDatabaseService db, TransE.Config config, TrainOptions options) {
        super(options);
        this.db = db;
        this.transE = new TransE(config);
    }

    @Override
    public String name() {
        return "transe";
    }

    @Override
    public Schedule schedule() {
        TransE.Config c = transE.config();
        return new Schedule(c.epochs(), c.learningRate(), c.seed());
    }

    @Override
    public void build(TrainContext context, InteractionData training) {
        this.data = training;
        kg = KgData.fromGraph(db);
        Map<String, String> entityOf = db.executeTransactionally(
                "MATCH (i:Item:Entity) RETURN i.id AS id, i.entityId AS e", Map.of(), rows -> {
                    Map<String, String> m = new HashMap<>();
                    rows.forEachRemaining(r -> m.put((String) r.get("id"), (String) r.get("e")));
                    return m;
                });
        entityOfItem = new int[training.itemCount()];
        for (int i = 0; i < entityOfItem.length; i++) {
            entityOfItem[i] = kg.entity(entityOf.getOrDefault(training.items.get(i), ""));
        }
        transE.build(context, kg);
    }

    @Override
    public double epoch(TrainContext context, int epoch) {
        return transE.epoch(context);
    }

    @Override
    public Snapshot snapshot(TrainContext context) {
        float[][] entities = transE.entities(context);
        int d = entities.length == 0 ? 1 : entities[0].length;
        float[][] items = new float[data.itemCount()][d];
        for (int i = 0; i < items.length; i++) {
            if (entityOfItem[i] >= 0) {
                items[i] = unit(entities[entityOfItem[i]]);
            }
        }
        Map<String, float[]> byId = new HashMap<>();
        for (int e = 0; e < entities.length; e++) {
            byId.put(kg.entities.get(e), unit(entities[e]));
        }
        float[][] users = new float[data.userCount()][d];
        for (int u = 0; u < users.length; u++) {
            int[] liked = data.trainPositives[u];
            for (int i : liked) {
                for (int k = 0; k < d; k++) {
                    users[u][k] += items[i][k] / liked.length;
                }
            }
        }
        return new Snapshot(users, items, byId);
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
