package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * @param reason {@code kg-path} (scored by the KG paths in {@code explanations}) or {@code popular}
 *     (cold-start fallback: the user's history reaches no item through the KG)
 */
public record Recommendation(String itemId, String name, double score, String reason, List<Explanation> explanations) {}
