package org.mmkgrec.service.write;

import java.util.List;

/**
 * The body of {@code POST /api/v1/tags}: one user putting tags on one item.
 *
 * @param eventId the client's id of this assignment: sending it again changes nothing (idempotent)
 * @param userId  the user (created on first use, as by an interaction)
 * @param itemId  an existing item
 * @param tags    1..100 tags, each an existing tag's id or name, or the name of a new tag
 */
public record TagInput(String eventId, String userId, String itemId, List<String> tags) {}
