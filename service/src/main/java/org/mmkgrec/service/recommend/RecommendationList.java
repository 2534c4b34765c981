package org.mmkgrec.service.recommend;

import java.util.List;

/** The answer to a recommendation request. */
public record RecommendationList(String userId, int k, String model, List<Recommendation> items) {}
