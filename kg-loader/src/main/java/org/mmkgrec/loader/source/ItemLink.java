package org.mmkgrec.loader.source;

/** Links a recommendable item to the KG entity that stands for it. */
public record ItemLink(String itemId, String entityId) {}
