package org.mmkgrec.loader.source;

import java.time.LocalDate;

/**
 * A user tagging an item with a tag, aggregated: {@code count} assignments, the first of them on
 * {@code firstDay} (null where the source has no dates). The (user, item) pairs with their tags and
 * first day are the posts of the tag protocol.
 */
public record TagUse(String userId, String itemId, String tagId, String tagName, int count, LocalDate firstDay) {
    public TagUse(String userId, String itemId, String tagId, String tagName, int count) {
        this(userId, itemId, tagId, tagName, count, null);
    }
}
