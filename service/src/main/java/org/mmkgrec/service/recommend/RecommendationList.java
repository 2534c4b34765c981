package org.mmkgrec.service.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a recommendation request.
 *
 * @param modalityWeights how much this user's scores lean on each modality (id, text, kg, ...) under a
 *                        trained model with attention fusion, summing to one; absent for other models
 */
public record RecommendationList(String userId, int k, String model, List<Recommendation> items,
        @Schema(description = "this user's weight of each modality (id, text, kg, ...) under a model with attention "
                + "fusion, part of why these items: they sum to one; absent for other models")
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> modalityWeights) {

    public RecommendationList(String userId, int k, String model, List<Recommendation> items) {
        this(userId, k, model, items, null);
    }
}
