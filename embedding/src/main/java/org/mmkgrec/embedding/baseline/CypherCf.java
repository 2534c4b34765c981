package org.mmkgrec.embedding.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The plain Cypher collaborative-filtering query ({@code embedding/cypher-cf.cypher}), one query per
 * user; for some items of a user ({@link #scores(int, int[])}) the same count restricted to them
 * ({@code embedding/cypher-cf-items.cypher}).
 */
public final class CypherCf implements Recommender {
    private final GraphDatabaseService db;
    private final String query = CypherScripts.query("embedding/cypher-cf");
    private final String itemsQuery = CypherScripts.query("embedding/cypher-cf-items");
    private InteractionData data;

    public CypherCf(GraphDatabaseService db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "cypher-cf";
    }

    @Override
    public void fit(InteractionData data) {
        this.data = data;
    }

    @Override
    public float[] scores(int user) {
        float[] s = new float[data.itemCount()];
        db.executeTransactionally(query, Map.of("userId", data.users.get(user)), rows -> {
            rows.forEachRemaining(r -> s[data.itemIndex((String) r.get("item"))] = ((Number) r.get("score")).floatValue());
            return null;
        });
        return s;
    }

    @Override
    public float[] scores(int user, int[] items) {
        List<String> ids = new ArrayList<>(items.length);
        for (int i : items) {
            ids.add(data.items.get(i));
        }
        Map<Integer, Float> byItem = new HashMap<>();
        db.executeTransactionally(itemsQuery, Map.of("userId", data.users.get(user), "items", ids), rows -> {
            rows.forEachRemaining(r -> byItem.put(data.itemIndex((String) r.get("item")), ((Number) r.get("score")).floatValue()));
            return null;
        });
        float[] s = new float[items.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = byItem.getOrDefault(items[j], 0f);
        }
        return s;
    }
}
