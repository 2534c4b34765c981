package org.mmkgrec.loader.source;

import java.util.Map;

/** Descriptive attributes of an item (display name and any side attributes such as year). */
public record ItemInfo(String itemId, String name, Map<String, Object> attributes) {}
