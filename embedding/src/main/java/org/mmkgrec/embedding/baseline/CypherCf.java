package org.mmkgrec.embedding.baseline;

import java.util.Map;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;
import org.neo4j.graphdb.GraphDatabaseService;

/** The plain Cypher collaborative-filtering query ({@code embedding/cypher-cf.cypher}), one query per user. */
public final class CypherCf implements Recommender {
    private final GraphDatabaseService db;
    private final String query = CypherScripts.query("embedding/cypher-cf");
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
}
