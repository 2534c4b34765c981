package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * One recommended item.
 *
 * @param score  the model's score (for {@code hybrid}: cypher/README.md, "The hybrid score")
 * @param source the score term that contributed most: {@code cf} (co-likers), {@code kg} (shared
 *               KG entities), {@code content} (text vector close to the user's history, which is how
 *               brand-new items reach users), {@code popular}
 */
public record Recommendation(String itemId, String name, double score, String source, List<Explanation> explanations) {}
