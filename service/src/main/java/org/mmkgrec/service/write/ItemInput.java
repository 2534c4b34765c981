package org.mmkgrec.service.write;

import java.util.List;

/**
 * The body of {@code PUT /api/v1/items/{itemId}}; every field is optional on update.
 *
 * @param name     display name
 * @param text     text content (description, artist name and tags, title and genres); encoded by
 *                 the offline MiniLM encoder into the item's text vector
 * @param entities KG links to add: existing entity ids with the KG relation name to link them by
 */
public record ItemInput(String name, String text, List<EntityLink> entities) {

    /** A KG link from the item to an existing entity, e.g. {id: "m.0xhtw", relation: "music.artist.genre"}. */
    public record EntityLink(String id, String relation) {}
}
