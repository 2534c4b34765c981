package org.mmkgrec.service.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.cypher.rec.BadConfig;
import org.mmkgrec.cypher.rec.NotFound;
import org.mmkgrec.cypher.rec.TagConfig;
import org.mmkgrec.service.api.BadRequestException;
import org.mmkgrec.service.store.GraphBackend;

/**
 * Recommendations, similar items, explanations and tags, from the {@code mmkg.*} recommenders over
 * whichever graph the service runs on. Turns the recommender's plain rows into the API's records
 * and its errors into 404 / 400 naming the request's own field.
 */
@ApplicationScoped
public class RecommendationService {
    /**
     * The models a request may name besides a trained version's id: {@code active} (default: the
     * active trained version, or hybrid while none exists), {@code hybrid}, {@code cypher-cf}.
     */
    public static final List<String> MODELS = List.of("active", "hybrid", "cypher-cf");

    /** Config keys of the recommender as the REST API names them. */
    private static final Map<String, String> FIELDS = Map.of("config.entities", "entity", "config.tags", "tag",
            "config.maxPaths", "paths", "config.maxHops", "hops", "config.model", "model");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphBackend graph;
    private final RecommendationCache cache;
    private final String cypherCf = CypherScripts.query("queries/recommend-cf");
    private final String userExists = CypherScripts.query("queries/user-exists");
    private final String modalityWeights = CypherScripts.query("queries/modality-weights");

    /** The tag recommender's config: the weights set in application.properties, if any. */
    private final Map<String, Object> tagConfig;

    public RecommendationService(GraphBackend graph, RecommendationCache cache) {
        this(graph, cache, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param tagUser ... {@code tagGlobal}: {@code mmkg.tags.weights.<source>}, the tag recommender's
     *     weights ({@code TagMix}); a weight not set keeps {@code TagMix.Weights.defaults()}. Checked
     *     here, so a bad value stops the start-up naming the key.
     * @param tagHalfLife {@code mmkg.tags.user-half-life}: the user source's recency half-life in posts
     *     ({@code TagConfig.userHalfLife}; not set: {@code TagConfig.DEFAULT_USER_HALF_LIFE}; 0: plain counts)
     */
    @Inject
    public RecommendationService(GraphBackend graph, RecommendationCache cache,
            @ConfigProperty(name = "mmkg.tags.weights.user") Optional<Double> tagUser,
            @ConfigProperty(name = "mmkg.tags.weights.item") Optional<Double> tagItem,
            @ConfigProperty(name = "mmkg.tags.weights.neighbours") Optional<Double> tagNeighbours,
            @ConfigProperty(name = "mmkg.tags.weights.content") Optional<Double> tagContent,
            @ConfigProperty(name = "mmkg.tags.weights.global") Optional<Double> tagGlobal,
            @ConfigProperty(name = "mmkg.tags.user-half-life") Optional<Double> tagHalfLife) {
        this.graph = graph;
        this.cache = cache;
        Map<String, Object> weights = new LinkedHashMap<>();
        tagUser.ifPresent(w -> weights.put("user", w));
        tagItem.ifPresent(w -> weights.put("item", w));
        tagNeighbours.ifPresent(w -> weights.put("neighbours", w));
        tagContent.ifPresent(w -> weights.put("content", w));
        tagGlobal.ifPresent(w -> weights.put("global", w));
        Map<String, Object> config = new LinkedHashMap<>();
        if (!weights.isEmpty()) {
            config.put("weights", weights);
        }
        tagHalfLife.ifPresent(h -> config.put("userHalfLife", h));
        this.tagConfig = Map.copyOf(config);
        try {
            TagConfig.parse(tagConfig);
        } catch (BadConfig e) {
            // the config key as its property is spelled: config.weights.user -> weights.user, userHalfLife -> user-half-life
            String key = e.field().replaceFirst("^config\\.", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("mmkg.tags." + key + ": " + e.getMessage().substring(e.field().length() + 2), e);
        }
    }

    /** Options of a recommendation request. */
    public record Options(String model, boolean explain, int maxPaths, int maxHops, boolean excludeSeen,
            List<String> entities, List<String> tags) {

        Map<String, Object> config() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("explain", explain);
            c.put("maxPaths", (long) maxPaths);
            c.put("maxHops", (long) maxHops);
            c.put("excludeSeen", excludeSeen);
            c.put("model", model);
            if (!entities.isEmpty()) {
                c.put("entities", entities);
            }
            if (!tags.isEmpty()) {
                c.put("tags", tags);
            }
            return c;
        }
    }

    /** The recommendations as records, computed now (not cached): for callers inside the JVM. */
    public RecommendationList recommend(String userId, int k, Options options) {
        return options.model().equals("cypher-cf") ? cypherCf(userId, k, options) : hybrid(userId, k, options);
    }

    /**
     * The answer as the REST route sends it, JSON: hybrid and trained models' answers from the cache
     * when it holds them (serialised once, when computed); the plain Cypher CF query every time.
     */
    public byte[] json(String userId, int k, Options options) {
        if (options.model().equals("cypher-cf")) {
            return serialise(cypherCf(userId, k, options));
        }
        return cache.get(new RecommendationCache.Key(userId, k, options),
                key -> serialise(hybrid(key.userId(), key.k(), key.options())));
    }

    private static byte[] serialise(RecommendationList list) {
        try {
            return JSON.writeValueAsBytes(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recommendations as JSON", e);
        }
    }

    private RecommendationList hybrid(String userId, int k, Options options) {
        List<Recommendation> items = new ArrayList<>();
        String model = options.model().equals("active") ? "hybrid" : options.model();
        for (Map<String, Object> row : call(() -> graph.recommend(userId, k, options.config()))) {
            model = (String) row.getOrDefault("model", model);
            items.add(new Recommendation((String) row.get("itemId"), (String) row.get("name"),
                    ((Number) row.get("score")).doubleValue(), (String) row.get("source"),
                    explanations(row.get("explanations"))));
        }
        return new RecommendationList(userId, k, model, items, model.equals("hybrid") ? null : weights(model, userId));
    }

    /** The user's modality weights under a trained version with attention fusion, by modality; null for others. */
    private Map<String, Double> weights(String versionId, String userId) {
        List<Map<String, Object>> rows = graph.read(modalityWeights, Map.of("versionId", versionId, "userId", userId));
        if (rows.isEmpty()) {
            return null;
        }
        List<?> names = list(rows.get(0).get("modalities"));
        List<?> weights = list(rows.get(0).get("weights"));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < Math.min(names.size(), weights.size()); m++) {
            out.put(String.valueOf(names.get(m)), ((Number) weights.get(m)).doubleValue());
        }
        return out;
    }

    /** A list property as the embedded store (arrays) or the driver (lists) gives it. */
    private static List<?> list(Object value) {
        if (value instanceof List<?> l) {
            return l;
        } else if (value instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        } else if (value instanceof float[] f) {
            List<Float> out = new ArrayList<>(f.length);
            for (float x : f) {
                out.add(x);
            }
            return out;
        } else if (value instanceof double[] d) {
            return java.util.Arrays.stream(d).boxed().toList();
        }
        throw new IllegalStateException("expected a list, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    public SimilarList similar(String itemId, int k, List<String> entities, List<String> tags) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (!entities.isEmpty()) {
            config.put("entities", entities);
        }
        if (!tags.isEmpty()) {
            config.put("tags", tags);
        }
        List<SimilarItem> items = new ArrayList<>();
        for (Map<String, Object> row : call(() -> graph.similar(itemId, k, config))) {
            List<SimilarItem.SharedEntity> shared = new ArrayList<>();
            for (Object o : (List<?>) row.get("shared")) {
                Map<?, ?> m = (Map<?, ?>) o;
                shared.add(new SimilarItem.SharedEntity((String) m.get("type"), (String) m.get("id"),
                        (String) m.get("name"), (String) m.get("relation"), (String) m.get("relation2")));
            }
            items.add(new SimilarItem((String) row.get("itemId"), (String) row.get("name"),
                    ((Number) row.get("score")).doubleValue(), (String) row.get("source"), shared));
        }
        return new SimilarList(itemId, k, items);
    }

    public ExplanationList explain(String userId, String itemId, int maxPaths, int maxHops) {
        Map<String, Object> config = Map.of("maxPaths", (long) maxPaths, "maxHops", (long) maxHops);
        List<Map<String, Object>> rows = call(() -> graph.explain(userId, itemId, config));
        return new ExplanationList(userId, itemId, maxHops, explanations(rows));
    }

    /**
     * The {@code k} best tags for an item, for {@code userId} when it is not null, with the tag
     * recommender's weights ({@code mmkg.tags.weights.*}, else its defaults). Not cached: a tag assignment must count in the next answer, and
     * the costly part (the most used tags) is cached in the cypher module until a tag count changes.
     * An unknown user is reported under {@code user}, the query parameter that names it.
     */
    public TagList tags(String itemId, String userId, int k) {
        List<Map<String, Object>> rows;
        try {
            rows = call(() -> graph.recommendTags(itemId, userId, k, tagConfig));
        } catch (NotFoundException e) {
            throw "userId".equals(e.field()) ? new NotFoundException("user", e.getMessage()) : e;
        }
        List<RecommendedTag> tags = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<TagEvidence> why = new ArrayList<>();
            for (Object o : (List<?>) row.get("explanation")) {
                Map<?, ?> m = (Map<?, ?>) o;
                List<String> items = m.get("items") == null ? null
                        : ((List<?>) m.get("items")).stream().map(String::valueOf).toList();
                why.add(new TagEvidence((String) m.get("source"), (Number) m.get("count"),
                        ((Number) m.get("contribution")).doubleValue(), items, (String) m.get("text")));
            }
            tags.add(new RecommendedTag((String) row.get("tagId"), (String) row.get("name"),
                    ((Number) row.get("score")).doubleValue(), Boolean.TRUE.equals(row.get("posted")), why));
        }
        return new TagList(itemId, userId, k, tags);
    }

    private RecommendationList cypherCf(String userId, int k, Options options) {
        if (!options.entities().isEmpty() || !options.tags().isEmpty()) {
            throw new BadRequestException(options.entities().isEmpty() ? "tag" : "entity",
                    "entity and tag filters need model=hybrid");
        }
        if (graph.read(userExists, Map.of("userId", userId)).isEmpty()) {
            throw new NotFoundException("userId", "no user with id `" + userId + "`");
        }
        List<Recommendation> items = new ArrayList<>();
        for (Map<String, Object> row : graph.read(cypherCf,
                Map.of("userId", userId, "k", (long) k, "excludeSeen", options.excludeSeen()))) {
            items.add(new Recommendation((String) row.get("itemId"), (String) row.get("name"),
                    ((Number) row.get("score")).doubleValue(), "cf", List.of()));
        }
        return new RecommendationList(userId, k, options.model(), items);
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (NotFound e) {
            throw new NotFoundException(e.field(), e.getMessage().substring(NotFound.PREFIX.length()));
        } catch (BadConfig e) {
            throw new BadRequestException(FIELDS.getOrDefault(e.field(), e.field()), e.getMessage());
        } catch (BadRequestException e) {
            throw new BadRequestException(FIELDS.getOrDefault(e.field(), e.field()), e.getMessage());
        }
    }

    private static List<Explanation> explanations(Object rows) {
        List<Explanation> out = new ArrayList<>();
        for (Object o : (List<?>) rows) {
            Map<?, ?> m = (Map<?, ?>) o;
            List<Hop> hops = new ArrayList<>();
            for (Object h : (List<?>) m.get("hops")) {
                Map<?, ?> hop = (Map<?, ?>) h;
                hops.add(new Hop(ref(hop.get("from")), (String) hop.get("relation"),
                        Boolean.TRUE.equals(hop.get("forward")), ref(hop.get("to"))));
            }
            out.add(new Explanation(((Number) m.get("weight")).doubleValue(), (String) m.get("text"), hops));
        }
        return out;
    }

    private static NodeRef ref(Object o) {
        Map<?, ?> m = (Map<?, ?>) o;
        return new NodeRef((String) m.get("type"), String.valueOf(m.get("id")), (String) m.get("name"), (String) m.get("kind"));
    }
}
