package org.mmkgrec.embedding.baseline;

import java.util.List;
import java.util.Map;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Neo4j GDS FastRP embeddings of the liked user-item graph plus the KG, scored by cosine of user and
 * item vectors: the recipe of Neo4j's recommendation guides, run in place. Single-threaded FastRP
 * with a fixed seed, so the same graph gives the same vectors.
 */
public final class FastRp implements Recommender {
    private final GraphDatabaseService db;
    private final int dimension;
    private final int seed;
    private float[][] userVectors;
    private float[][] itemVectors;

    public FastRp(GraphDatabaseService db, int dimension, int seed) {
        this.db = db;
        this.dimension = dimension;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "fastrp";
    }

    @Override
    public void fit(InteractionData data) {
        String graph = "mmkg-fastrp-" + System.nanoTime();
        userVectors = new float[data.userCount()][];
        itemVectors = new float[data.itemCount()][];
        db.executeTransactionally(CypherScripts.query("embedding/fastrp-project"), Map.of("graph", graph), r -> r.resultAsString());
        try {
            db.executeTransactionally(CypherScripts.query("embedding/fastrp-stream"),
                    Map.of("graph", graph, "dimension", (long) dimension, "seed", (long) seed), rows -> {
                        rows.forEachRemaining(r -> {
                            @SuppressWarnings("unchecked")
                            List<Number> e = (List<Number>) r.get("embedding");
                            float[] v = normalised(e);
                            if ("user".equals(r.get("kind"))) {
                                userVectors[data.userIndex((String) r.get("id"))] = v;
                            } else {
                                itemVectors[data.itemIndex((String) r.get("id"))] = v;
                            }
                        });
                        return null;
                    });
        } finally {
            db.executeTransactionally("CALL gds.graph.drop($graph, false)", Map.of("graph", graph), r -> r.resultAsString());
        }
    }

    @Override
    public float[] scores(int user) {
        float[] s = new float[itemVectors.length];
        float[] u = userVectors[user];
        if (u == null) {
            return s; // a user without liked items is not in the projection
        }
        for (int i = 0; i < s.length; i++) {
            float[] v = itemVectors[i];
            if (v != null) {
                float dot = 0;
                for (int k = 0; k < u.length; k++) {
                    dot += u[k] * v[k];
                }
                s[i] = dot;
            }
        }
        return s;
    }

    @Override
    public float[] scores(int user, int[] items) {
        float[] s = new float[items.length];
        float[] u = userVectors[user];
        if (u == null) {
            return s;
        }
        for (int j = 0; j < s.length; j++) {
            float[] v = itemVectors[items[j]];
            if (v != null) {
                float dot = 0;
                for (int k = 0; k < u.length; k++) {
                    dot += u[k] * v[k];
                }
                s[j] = dot;
            }
        }
        return s;
    }

    private static float[] normalised(List<Number> e) {
        float[] v = new float[e.size()];
        double norm = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = e.get(k).floatValue();
            norm += v[k] * v[k];
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < v.length; k++) {
                v[k] *= inv;
            }
        }
        return v;
    }
}
