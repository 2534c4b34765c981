package org.mmkgrec.embedding.data;

import java.util.Map;
import java.util.TreeMap;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The items' content vectors as the graph holds them: {@code (:Item)-[:HAS_<MODALITY>]->(:Content
 * {modality, embedding})} (text from the MiniLM encoder, image or audio vectors when loaded).
 */
public final class ContentFeatures {
    private ContentFeatures() {}

    /** Content vectors per modality, rows indexed like the data's items (zeros where missing). */
    public static Map<String, float[][]> byModality(GraphDatabaseService db, InteractionData data) {
        Map<String, float[][]> out = new TreeMap<>();
        db.executeTransactionally("MATCH (i:Item)-[r]->(c:Content) WHERE c.embedding IS NOT NULL "
                + "RETURN i.id AS item, c.modality AS modality, c.embedding AS v", Map.of(), rows -> {
                    rows.forEachRemaining(row -> {
                        Integer i = data.itemIndex((String) row.get("item"));
                        Object v = row.get("v");
                        float[] f = v instanceof float[] x ? x : null;
                        if (v instanceof double[] dv) {
                            f = new float[dv.length];
                            for (int k = 0; k < dv.length; k++) {
                                f[k] = (float) dv[k];
                            }
                        }
                        if (i != null && f != null) {
                            float[] vec = f;
                            float[][] m = out.computeIfAbsent((String) row.get("modality"), k -> new float[data.itemCount()][vec.length]);
                            if (m[i].length == vec.length) {
                                m[i] = vec;
                            }
                        }
                    });
                    return null;
                });
        return out;
    }

}
