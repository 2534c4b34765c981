package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * The answers as plain values (strings, numbers, lists, maps), the same whether they come
 * from the procedures over Bolt or from a direct call in the embedded service. This is the wire
 * shape of the REST API's items and explanations.
 */
public final class Rows {
    private Rows() {}

    /** {itemId, name, score, source, model, explanations} per recommended item. */
    public static List<Map<String, Object>> recommend(Transaction tx, String userId, int k, RecConfig config) {
        GraphRecommender rec = new GraphRecommender(tx);
        Node user = rec.user(userId).orElseThrow(() -> NotFound.user(userId));
        List<Map<String, Object>> out = new ArrayList<>();
        String model = rec.modelFor(user, config);
        for (GraphRecommender.Scored s : rec.recommend(user, k, config)) {
            Map<String, Object> m = item(s);
            m.put("model", model);
            m.put("explanations", s.explanations().stream().map(Explanation::toMap).toList());
            out.add(m);
        }
        return out;
    }

    /** {itemId, name, score, source, shared} per similar item. */
    public static List<Map<String, Object>> similar(Transaction tx, String itemId, int k, RecConfig config) {
        GraphRecommender rec = new GraphRecommender(tx);
        Node item = rec.item(itemId).orElseThrow(() -> NotFound.item(itemId));
        List<Map<String, Object>> out = new ArrayList<>();
        for (GraphRecommender.Scored s : rec.similar(item, k, config)) {
            Map<String, Object> m = item(s);
            m.put("shared", s.shared());
            out.add(m);
        }
        return out;
    }

    /** {weight, text, hops} per explanation path, best first. */
    public static List<Map<String, Object>> explain(Transaction tx, String userId, String itemId, RecConfig config) {
        GraphRecommender rec = new GraphRecommender(tx);
        Node user = rec.user(userId).orElseThrow(() -> NotFound.user(userId));
        Node item = rec.item(itemId).orElseThrow(() -> NotFound.item(itemId));
        return rec.explain(user, item, config).stream().map(Explanation::toMap).toList();
    }

    /**
     * {tagId, name, score, posted, explanation} per recommended tag, best first: the columns of
     * {@code mmkg.recommendTags} without the node.
     */
    public static List<Map<String, Object>> tags(TagRecommender rec, Transaction tx, String itemId, String userId, int k,
            TagConfig config) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TagRecommender.Scored s : rec.recommend(tx, itemId, userId, k, config)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tagId", s.tagId());
            m.put("name", s.name());
            m.put("score", s.score());
            m.put("posted", s.posted());
            m.put("explanation", s.explanation().stream().map(TagRecommender.Evidence::toMap).toList());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> item(GraphRecommender.Scored s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("itemId", Names.itemId(s.item()));
        m.put("name", s.item().getProperty("name", null));
        m.put("score", s.score());
        m.put("source", s.source());
        return m;
    }
}
