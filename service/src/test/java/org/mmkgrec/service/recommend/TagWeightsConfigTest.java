package org.mmkgrec.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmkgrec.service.store.GraphBackend;

/** The tag route's weights from application.properties reach the recommender; bad ones stop the start. */
class TagWeightsConfigTest {

    /** A backend that records the config of each tag request and answers with no tags. */
    private static GraphBackend recording(List<Map<String, Object>> configs) {
        return (GraphBackend) Proxy.newProxyInstance(GraphBackend.class.getClassLoader(), new Class<?>[] {GraphBackend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("recommendTags")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> config = (Map<String, Object>) args[3];
                        configs.add(config);
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void setWeightsAreSentAndUnsetOnesKeepTheDefaults() {
        List<Map<String, Object>> configs = new ArrayList<>();
        new RecommendationService(recording(configs), null).tags("i1", null, 5);
        assertThat(configs.get(0)).isEmpty();
        RecommendationService tuned = new RecommendationService(recording(configs), null, Optional.of(0.2), Optional.empty(),
                Optional.of(0.5), Optional.empty(), Optional.empty(), Optional.empty());
        TagList answer = tuned.tags("i1", "u1", 5);
        assertThat(answer.tags()).isEmpty();
        assertThat(configs.get(1)).isEqualTo(Map.of("weights", Map.of("user", 0.2, "neighbours", 0.5)));
        new RecommendationService(recording(configs), null, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(0.0)).tags("i1", "u1", 5);
        assertThat(configs.get(2)).isEqualTo(Map.of("userHalfLife", 0.0));
    }

    @Test
    void aBadWeightStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> new RecommendationService(recording(new ArrayList<>()), null, Optional.of(-1.0),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mmkg.tags.weights.user: ");
        assertThatThrownBy(() -> new RecommendationService(recording(new ArrayList<>()), null, Optional.of(0.0),
                Optional.of(0.0), Optional.of(0.0), Optional.of(0.0), Optional.of(0.0), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mmkg.tags.weights");
        assertThatThrownBy(() -> new RecommendationService(recording(new ArrayList<>()), null, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(-3.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mmkg.tags.user-half-life: must be");
    }
}
