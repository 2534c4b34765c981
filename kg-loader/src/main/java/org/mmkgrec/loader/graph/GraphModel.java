package org.mmkgrec.loader.graph;

import java.util.Locale;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;

/** The names of the MMKG graph model (ARCHITECTURE.md, "The graph model"), in one place. */
public final class GraphModel {
    public static final Label USER = Label.label("User");
    public static final Label ITEM = Label.label("Item");
    public static final Label ENTITY = Label.label("Entity");
    public static final Label CONTENT = Label.label("Content");
    public static final Label TAG = Label.label("Tag");
    public static final Label DATASET = Label.label("Dataset");
    public static final Label LOAD_STEP = Label.label("LoadStep");

    public static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");
    public static final RelationshipType CO_ENTITY = RelationshipType.withName("CO_ENTITY");
    public static final RelationshipType TAGGED_WITH = RelationshipType.withName("TAGGED_WITH");
    public static final RelationshipType USED_TAG = RelationshipType.withName("USED_TAG");
    /** A post: a user's tags on one item ({@code tags}: the tag ids, {@code day}: the first assignment's date). */
    public static final RelationshipType TAGGED = RelationshipType.withName("TAGGED");

    public static final String ID = "id";
    public static final String ENTITY_ID = "entityId";
    public static final String NAME = "name";

    private GraphModel() {}

    /** {@code text} -> {@code HAS_TEXT}: the relationship from an item to its content in that modality. */
    public static RelationshipType hasContent(String modality) {
        return RelationshipType.withName("HAS_" + modality.toUpperCase(Locale.ROOT));
    }

    /** The id of the multimodal node of an item in a modality. */
    public static String contentId(String itemId, String modality) {
        return itemId + "/" + modality;
    }
}
