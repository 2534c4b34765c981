package org.mmkgrec.service.recommend;

import java.util.List;

/** The answer to a similar-items request. */
public record SimilarList(String itemId, int k, List<SimilarItem> items) {}
