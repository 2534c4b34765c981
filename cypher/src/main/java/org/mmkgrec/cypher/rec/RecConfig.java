package org.mmkgrec.cypher.rec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} map of {@code mmkg.recommend}, {@code mmkg.similar} and {@code mmkg.explain}
 * (and of the REST routes, which pass it through), parsed and checked once. Every key is optional;
 * an unknown key or a value of the wrong type is refused with the key's name, so a typo never
 * silently falls back to a default.
 *
 * @param excludeSeen   leave out items the user has interacted with (default true)
 * @param trainingOnly  ignore interactions of the {@code eval} split, as the evaluator does (default false)
 * @param explain       attach explanation paths to recommendations (default true)
 * @param maxPaths      explanation paths per item, 1..20 (default 3)
 * @param maxHops       hops between a history item and the explained item, 1..3 (default 2; 3 for mmkg.explain)
 * @param entities      only items linked by a KG relationship to one of these entity ids
 * @param tags          only items tagged with one of these tag names
 * @param weights       score weights {cf, kg, content, pop} (defaults 1.0, 0.3, 0.2, 0.05)
 * @param hubDegree     entities with more relationships than this do not generate candidates (default 1000)
 * @param contentCandidates how many nearest items by content vector join the candidates (default 50)
 * @param neighbours    co-likers (users sharing liked items) the cf term counts, largest overlap first (default 100)
 * @param model         {@code active} (default: the active trained model version, else hybrid), {@code hybrid},
 *                      or a model version id
 */
public record RecConfig(boolean excludeSeen, boolean trainingOnly, boolean explain, int maxPaths, int maxHops,
        List<String> entities, List<String> tags, Weights weights, int hubDegree, int contentCandidates, int neighbours, String model) {

    /** Weights of the hybrid score's terms. */
    public record Weights(double cf, double kg, double content, double pop) {
        public static final Weights DEFAULT = new Weights(1.0, 0.3, 0.2, 0.05);
    }

    static final Set<String> KEYS = Set.of("excludeSeen", "trainingOnly", "explain", "maxPaths", "maxHops",
            "entities", "tags", "weights", "hubDegree", "contentCandidates", "neighbours", "model");

    public static RecConfig defaults() {
        return parse(Map.of(), 2);
    }

    /** Co-likers the cf term counts unless {@code neighbours} says otherwise. */
    public static final int DEFAULT_NEIGHBOURS = 100;

    /** Parses a config map; {@code defaultHops} differs between recommend (2) and explain (3). */
    public static RecConfig parse(Map<String, Object> config, int defaultHops) {
        Map<String, Object> c = config == null ? Map.of() : config;
        for (String key : c.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadConfig("config." + key, "unknown key; valid keys: "
                        + KEYS.stream().sorted().toList());
            }
        }
        return new RecConfig(
                bool(c, "excludeSeen", true), bool(c, "trainingOnly", false), bool(c, "explain", true),
                integer(c, "maxPaths", 3, 1, 20), integer(c, "maxHops", defaultHops, 1, 3),
                strings(c, "entities"), strings(c, "tags"), weights(c),
                integer(c, "hubDegree", 1000, 1, Integer.MAX_VALUE), integer(c, "contentCandidates", 50, 0, 10_000),
                integer(c, "neighbours", DEFAULT_NEIGHBOURS, 1, 1_000_000), string(c, "model", "active"));
    }

    public RecConfig withMaxHops(int hops) {
        return new RecConfig(excludeSeen, trainingOnly, explain, maxPaths, hops, entities, tags, weights,
                hubDegree, contentCandidates, neighbours, model);
    }

    public boolean filtered() {
        return !entities.isEmpty() || !tags.isEmpty();
    }

    private static boolean bool(Map<String, Object> c, String key, boolean dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new BadConfig("config." + key, "expected a boolean, got `" + v + "`");
    }

    private static int integer(Map<String, Object> c, String key, int dflt, int min, int max) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Long || v instanceof Integer)) {
            throw new BadConfig("config." + key, "expected an integer, got `" + v + "`");
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw new BadConfig("config." + key, "must be in " + min + ".." + max + ", got " + n);
        }
        return (int) n;
    }

    private static String string(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new BadConfig("config." + key, "expected a non-empty string, got `" + v + "`");
    }

    private static List<String> strings(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new BadConfig("config." + key, "expected a list of strings, got `" + v + "`");
    }

    private static Weights weights(Map<String, Object> c) {
        Object v = c.get("weights");
        if (v == null) {
            return Weights.DEFAULT;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new BadConfig("config.weights", "expected a map {cf, kg, content, pop}, got `" + v + "`");
        }
        for (Object key : m.keySet()) {
            if (!Set.of("cf", "kg", "content", "pop").contains(key)) {
                throw new BadConfig("config.weights." + key, "unknown; valid: cf, kg, content, pop");
            }
        }
        Weights d = Weights.DEFAULT;
        return new Weights(weight(m, "cf", d.cf()), weight(m, "kg", d.kg()), weight(m, "content", d.content()),
                weight(m, "pop", d.pop()));
    }

    /** {@code config.weights.<key>}: a number >= 0, or {@code dflt} when absent. */
    static double weight(Map<?, ?> m, String key, double dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new BadConfig("config.weights." + key, "expected a number >= 0, got `" + v + "`");
    }
}
