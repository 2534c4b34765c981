package org.mmkgrec.embedding.baseline;

import java.util.Map;
import org.mmkgrec.cypher.rec.GraphRecommender;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.embedding.data.InteractionData;
import org.mmkgrec.embedding.eval.Recommender;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * The service's hybrid recommender (co-likers, KG neighbours, text vectors, popularity; the
 * {@code mmkg.recommend} procedure) under the evaluator, on the training side only: the eval split's
 * interactions are hidden from it ({@code trainingOnly}), as from every model.
 */
public final class Hybrid implements Recommender {
    private static final RecConfig CONFIG = RecConfig.parse(
            Map.of("trainingOnly", true, "excludeSeen", false, "explain", false), 2);

    private final GraphDatabaseService db;
    private InteractionData data;

    public Hybrid(GraphDatabaseService db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public void fit(InteractionData data) {
        this.data = data;
    }

    @Override
    public float[] scores(int user) {
        float[] s = new float[data.itemCount()];
        try (Transaction tx = db.beginTx()) {
            GraphRecommender rec = new GraphRecommender(tx);
            Node u = rec.user(data.users.get(user)).orElseThrow();
            for (GraphRecommender.Scored x : rec.scoreAll(u, CONFIG)) {
                Integer i = data.itemIndex((String) x.item().getProperty("id"));
                if (i != null) {
                    s[i] = (float) x.score();
                }
            }
        }
        return s;
    }
}
