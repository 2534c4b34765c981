package org.mmkgrec.embedding.tags;

import java.util.ArrayList;
import java.util.List;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.train.TrainOptions;

/** The tag protocol's registry: every name {@code ./mmkg evaluate --protocol tags --model} accepts. */
public final class TagModels {
    public static final List<String> NAMES;
    public static final String DEFAULTS = "tag-pop,tag-item,tag-user,tag-mix,pitf,logo,uhman";

    static {
        List<String> n = new ArrayList<>(TagHeuristics.NAMES);
        n.addAll(List.of("pitf", "logo", "uhman"));
        NAMES = List.copyOf(n);
    }

    private TagModels() {}

    /** {@code name} with the seed, the {@code --param name.field=value} overrides and the training options. */
    public static TagModel create(String name, int seed, ModelParams params, TrainOptions train) {
        if (TagHeuristics.NAMES.contains(name)) {
            params.noneFor(name);
            return new TagHeuristics(name);
        }
        return switch (name) {
            case "pitf" -> new Pitf(params.apply(name, Pitf.Config.defaults(seed)), train);
            case "logo" -> new Logo(params.apply(name, Logo.Config.defaults(seed)), train);
            case "uhman" -> new Uhman(params.apply(name, Uhman.Config.defaults(seed)), train);
            default -> throw new IllegalArgumentException("unknown tag model `" + name + "`; valid names: " + NAMES);
        };
    }

    /** Refuses unknown names before anything is loaded or trained. */
    public static void check(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("`models` must name at least one tag model of " + NAMES);
        }
        for (String n : names) {
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException("unknown tag model `" + n + "`; valid names: " + NAMES);
            }
        }
    }
}
