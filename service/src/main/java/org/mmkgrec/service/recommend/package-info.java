/**
 * Recommendations from Cypher: {@code RecommendationService} runs the named queries of the cypher
 * module and shapes rows into {@code Recommendation}s with {@code Explanation} paths of {@code Hop}s,
 * and tag recommendations into a {@code TagList} of {@code RecommendedTag}s with their {@code TagEvidence};
 * {@code RecommendationCache} keeps recent answers as their JSON, bounded in bytes.
 */
package org.mmkgrec.service.recommend;
