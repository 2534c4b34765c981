package org.mmkgrec.cypher.rec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/**
 * The graph model's names as the recommender reads them (ARCHITECTURE.md, "The graph model"), and
 * the rule for which relationships an explanation may walk: KG relationships, co-entity links and
 * tags, never interactions or content links.
 */
final class Names {
    static final Label USER = Label.label("User");
    static final Label ITEM = Label.label("Item");
    static final Label ENTITY = Label.label("Entity");
    static final Label TAG = Label.label("Tag");
    static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");
    static final RelationshipType CO_ENTITY = RelationshipType.withName("CO_ENTITY");
    static final RelationshipType HAS_TEXT = RelationshipType.withName("HAS_TEXT");
    /** The native vector index over text content vectors (schema.cypher). */
    static final String TEXT_INDEX = "mmkg_text_vectors";

    private Names() {}

    /** A relationship an explanation path may take from {@code from}: to a KG entity, an item or a tag. */
    static boolean walkable(Relationship r, Node from) {
        Node other = r.getOtherNode(from);
        return other.hasLabel(ENTITY) || other.hasLabel(ITEM) || other.hasLabel(TAG);
    }

    /** A KG relationship from an item to an entity (co-entity links summarise these, so they are left out). */
    static boolean kgEdge(Relationship r, Node from) {
        return !r.isType(CO_ENTITY) && r.getOtherNode(from).hasLabel(ENTITY);
    }

    /** A positive interaction that counts under {@code config} (the eval split is hidden when training-only). */
    static boolean liked(Relationship interacted, RecConfig config) {
        return interacted.getProperty("label", null) instanceof Number n && n.intValue() == 1
                && (!config.trainingOnly() || !"eval".equals(interacted.getProperty("split", null)));
    }

    /** Whether an interaction is visible at all under {@code config}. */
    static boolean visible(Relationship interacted, RecConfig config) {
        return !config.trainingOnly() || !"eval".equals(interacted.getProperty("split", null));
    }

    static String itemId(Node item) {
        return (String) item.getProperty("id");
    }

    /** {type, id, name} of a node as explanations print it. */
    static Map<String, Object> ref(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = n.hasLabel(USER) ? "User" : n.hasLabel(ITEM) ? "Item" : n.hasLabel(TAG) ? "Tag" : "Entity";
        m.put("type", type);
        Object id = type.equals("Entity") ? n.getProperty("entityId", null) : n.getProperty("id", null);
        m.put("id", id);
        m.put("name", n.getProperty("name", null));
        return m;
    }

    /** The name a sentence uses for a node. */
    static String label(Node n) {
        Map<String, Object> r = ref(n);
        return r.get("name") != null ? (String) r.get("name") : r.get("type") + " " + r.get("id");
    }
}
