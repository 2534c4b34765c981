package org.mmkgrec.loader.source;

/** A user tagging an item with a tag, aggregated: {@code count} assignments. */
public record TagUse(String userId, String itemId, String tagId, String tagName, int count) {}
