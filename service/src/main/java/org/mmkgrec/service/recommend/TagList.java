package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * The answer to a tag recommendation request ({@code GET /api/v1/items/{itemId}/tags}).
 *
 * @param userId the user the tags are for; null when none was asked
 * @param tags   best first (score descending, then tag id)
 */
public record TagList(String itemId, String userId, int k, List<RecommendedTag> tags) {}
