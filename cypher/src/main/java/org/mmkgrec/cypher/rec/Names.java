package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
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

    static final RelationshipType USED_TAG = RelationshipType.withName("USED_TAG");
    static final RelationshipType TAGGED_WITH = RelationshipType.withName("TAGGED_WITH");
    /** A user's post on an item ({@code tags}: the tag ids it holds); never walked by explanations. */
    static final RelationshipType TAGGED = RelationshipType.withName("TAGGED");

    /**
     * The relationships an explanation may walk from {@code n}: KG relationships, co-entity links and
     * tags; not interactions, tag uses, tag posts or content links (so every one leads to an entity, item or
     * tag in the graph model). Read type
     * by type: on a popular item the interactions are most of its relationships, and Neo4j keeps a
     * dense node's relationships grouped by type, so they are skipped without being read.
     */
    static Iterable<Relationship> structural(Node n) {
        List<RelationshipType> types = new ArrayList<>();
        for (RelationshipType t : n.getRelationshipTypes()) {
            String name = t.name();
            if (!name.equals("INTERACTED") && !name.equals("USED_TAG") && !name.equals("TAGGED") && !name.startsWith("HAS_")) {
                types.add(t);
            }
        }
        return n.getRelationships(Direction.BOTH, types.toArray(RelationshipType[]::new));
    }

    /**
     * A KG relationship from an item to an entity: a structural relationship that is neither a
     * co-entity link (co-entity links summarise KG relationships, so they are left out) nor a tag.
     * Only for relationships from {@link #structural}.
     */
    static boolean kgEdge(Relationship r) {
        return !r.isType(CO_ENTITY) && !r.isType(TAGGED_WITH);
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

    /** A stored vector as floats: float[] as the embedded writers store it, double[] as Bolt clients do; else null. */
    static float[] vector(Object value) {
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        return null;
    }

    static String itemId(Node item) {
        return (String) item.getProperty("id");
    }

    /**
     * {type, id, name, kind} of a node reached over {@code via} (a hop's relationship): {@code kind},
     * for a KG entity without a name, is what kind of node it is, read from the relation ({@link
     * #kind}); null otherwise.
     */
    static Map<String, Object> ref(Node n, Relationship via) {
        Map<String, Object> m = ref(n);
        m.put("kind", m.get("name") == null && m.get("type").equals("Entity")
                ? kind(via.getType().name(), via.getEndNode().equals(n)) : null);
        return m;
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
        return label(n, null);
    }

    /**
     * The name a sentence uses for a node reached over {@code via} (null: none): its name; for a KG
     * entity without one, what kind of node it is, read from the relation, then its id, e.g. {@code
     * unnamed origin (Entity 5265)}; else its type and id.
     */
    static String label(Node n, Relationship via) {
        Map<String, Object> r = via == null ? ref(n) : ref(n, via);
        if (r.get("name") != null) {
            return (String) r.get("name");
        }
        String plain = r.get("type") + " " + r.get("id");
        if (!r.get("type").equals("Entity")) {
            return plain;
        }
        Object kind = r.get("kind");
        return kind == null ? "unnamed " + plain : "unnamed " + kind + " (" + plain + ")";
    }

    /**
     * The kind of a relation's end ({@code tail}) or start node for relation names of the Freebase
     * form {@code domain.type.property}: the start is a {@code type}, the end the {@code property}
     * ({@code music.artist.origin}: an artist, an origin); null for other names.
     */
    static String kind(String relation, boolean tail) {
        String[] parts = relation.split("\\.");
        if (parts.length < 3) {
            return null;
        }
        String kind = tail ? parts[parts.length - 1] : parts[parts.length - 2];
        return kind.isBlank() ? null : kind.replace('_', ' ');
    }
}
