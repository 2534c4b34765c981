package org.mmkgrec.service.recommend;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmkgrec.cypher.CypherScripts;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Recommendations from Cypher over the graph: KG-path scoring with explanations
 * ({@code queries/recommend-kg.cypher}), topped up by the popularity fallback for users whose
 * history reaches too few items through the KG. Read-only; one transaction per request.
 */
@ApplicationScoped
public class RecommendationService {

    static final String MODEL = "kg-paths";

    private final GraphDatabaseService db;
    private final String recommendKg = CypherScripts.query("queries/recommend-kg");
    private final String recommendPopular = CypherScripts.query("queries/recommend-popular");
    private final String userExists = CypherScripts.query("queries/user-exists");

    @Inject
    public RecommendationService(GraphDatabaseService db) {
        this.db = db;
    }

    public RecommendationList recommend(String userId, int k, boolean explain, int maxPaths, boolean excludeSeen) {
        try (Transaction tx = db.beginTx()) {
            if (!tx.execute(userExists, Map.of("userId", userId)).hasNext()) {
                throw new NotFoundException("userId", "no user with id `" + userId + "`");
            }
            Map<String, Object> params = Map.of("userId", userId, "k", (long) k,
                    "maxPaths", (long) Math.max(1, maxPaths), "excludeSeen", excludeSeen);
            List<Recommendation> items = new ArrayList<>(k);
            java.util.Set<String> taken = new java.util.HashSet<>();
            try (Result rows = tx.execute(recommendKg, params)) {
                while (rows.hasNext()) {
                    Map<String, Object> row = rows.next();
                    String itemId = (String) row.get("itemId");
                    String name = (String) row.get("name");
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> paths = (List<Map<String, Object>>) row.get("explanations");
                    List<Explanation> explanations = explain
                            ? paths.stream().map(p -> toExplanation(userId, itemId, name, p)).toList()
                            : List.of();
                    items.add(new Recommendation(itemId, name, ((Number) row.get("score")).doubleValue(),
                            "kg-path", explanations));
                    taken.add(itemId);
                }
            }
            if (items.size() < k) {
                try (Result rows = tx.execute(recommendPopular, Map.of("userId", userId,
                        "k", (long) (k + taken.size()), "excludeSeen", excludeSeen))) {
                    while (rows.hasNext() && items.size() < k) {
                        Map<String, Object> row = rows.next();
                        String itemId = (String) row.get("itemId");
                        if (taken.add(itemId)) {
                            // a score below every KG-path score keeps the list ordered
                            items.add(new Recommendation(itemId, (String) row.get("name"),
                                    0.0, "popular", List.of()));
                        }
                    }
                }
            }
            return new RecommendationList(userId, k, MODEL, items);
        }
    }

    /** Turns one row of {@code explanations} into the user -> seed -> entity -> item path. */
    static Explanation toExplanation(String userId, String itemId, String itemName, Map<String, Object> p) {
        NodeRef user = new NodeRef("User", userId, null);
        NodeRef seed = new NodeRef("Item", (String) p.get("seedId"), (String) p.get("seedName"));
        boolean entityIsItem = Boolean.TRUE.equals(p.get("entityIsItem"));
        NodeRef entity = entityIsItem
                ? new NodeRef("Item", (String) p.get("entityItemId"), (String) p.get("entityName"))
                : new NodeRef("Entity", (String) p.get("entityId"), (String) p.get("entityName"));
        NodeRef item = new NodeRef("Item", itemId, itemName);
        String r1 = (String) p.get("relation1");
        String r2 = (String) p.get("relation2");
        List<Hop> hops = List.of(
                new Hop(user, "INTERACTED", true, seed),
                new Hop(seed, r1, Boolean.TRUE.equals(p.get("forward1")), entity),
                new Hop(entity, r2, Boolean.TRUE.equals(p.get("forward2")), item));
        String text = "You liked " + label(seed) + "; " + label(seed) + " -[" + r1 + "]- " + label(entity)
                + " -[" + r2 + "]- " + label(item);
        return new Explanation(((Number) p.get("weight")).doubleValue(), text, hops);
    }

    private static String label(NodeRef n) {
        return n.name() != null ? n.name() : n.type() + " " + n.id();
    }
}
