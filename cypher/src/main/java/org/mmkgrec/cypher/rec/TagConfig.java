package org.mmkgrec.cypher.rec;

import java.util.Map;
import java.util.Set;

/**
 * The {@code config} map of {@code mmkg.recommendTags}, parsed and checked once. Every key is
 * optional; an unknown key or a value of the wrong type is refused with the key's name, as
 * {@link RecConfig} does, so a typo never silently falls back to a default.
 *
 * @param weights {@code weights: {user, item, neighbours, content, global}}: the weight of each source
 *                of evidence ({@link TagMix}); a source left out keeps its weight in
 *                {@link TagMix.Weights#defaults()}, so {@code {weights: {global: 0}}} only turns the
 *                global source off. Nested under {@code weights}, as {@code mmkg.recommend} nests its
 *                score weights, so that a weight's name never collides with another option.
 * @param userHalfLife {@code userHalfLife}: the user source weighs each use by how recent the post
 *                holding it is, {@code 2^(-a / userHalfLife)} for a post followed by {@code a} later
 *                posts of the user (0: every use alike, the plain counts); default
 *                {@value #DEFAULT_USER_HALF_LIFE}, as the evaluator's {@code tag-mix} chose it
 */
public record TagConfig(TagMix.Weights weights, double userHalfLife) {
    /** The user source's half-life in posts that the evaluator's {@code tag-mix} chose on Last.FM's validation posts. */
    public static final double DEFAULT_USER_HALF_LIFE = 10;
    static final Set<String> KEYS = Set.of("weights", "userHalfLife");
    private static final Set<String> SOURCES = Set.of("user", "item", "neighbours", "content", "global");

    public TagConfig {
        if (!(userHalfLife >= 0) || Double.isInfinite(userHalfLife)) {
            throw new BadConfig("config.userHalfLife", "must be a finite number of posts >= 0 (0: plain counts), got "
                    + userHalfLife);
        }
    }

    public static TagConfig defaults() {
        return new TagConfig(TagMix.Weights.defaults(), DEFAULT_USER_HALF_LIFE);
    }

    /** Parses a config map (null or empty: the defaults). */
    public static TagConfig parse(Map<String, Object> config) {
        Map<String, Object> c = config == null ? Map.of() : config;
        for (String key : c.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadConfig("config." + key, "unknown key; valid keys: " + KEYS.stream().sorted().toList());
            }
        }
        double halfLife = DEFAULT_USER_HALF_LIFE;
        Object h = c.get("userHalfLife");
        if (h != null) {
            if (!(h instanceof Number n)) {
                throw new BadConfig("config.userHalfLife", "expected a number of posts, got `" + h + "`");
            }
            halfLife = n.doubleValue();
        }
        Object v = c.get("weights");
        if (v == null) {
            return new TagConfig(TagMix.Weights.defaults(), halfLife);
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new BadConfig("config.weights", "expected a map {user, item, neighbours, content, global}, got `" + v + "`");
        }
        for (Object key : m.keySet()) {
            if (!SOURCES.contains(key)) {
                throw new BadConfig("config.weights." + key, "unknown; valid: user, item, neighbours, content, global");
            }
        }
        TagMix.Weights d = TagMix.Weights.defaults();
        double user = RecConfig.weight(m, "user", d.user());
        double item = RecConfig.weight(m, "item", d.item());
        double neighbours = RecConfig.weight(m, "neighbours", d.neighbours());
        double content = RecConfig.weight(m, "content", d.content());
        double global = RecConfig.weight(m, "global", d.global());
        TagMix.Weights weights;
        try {
            weights = new TagMix.Weights(user, item, neighbours, content, global);
        } catch (BadConfig allZero) {
            // each weight was checked above: only "all of them 0" is left, said in the caller's terms
            throw new BadConfig("config.weights", allZero.getMessage().substring(allZero.field().length() + 2));
        }
        return new TagConfig(weights, halfLife);
    }
}
