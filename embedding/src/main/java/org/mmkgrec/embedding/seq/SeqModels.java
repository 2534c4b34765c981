package org.mmkgrec.embedding.seq;

import java.util.List;
import org.mmkgrec.embedding.eval.ModelParams;
import org.mmkgrec.embedding.train.TrainOptions;

/** The sequential protocol's registry: every name {@code ./mmkg evaluate --protocol next --model} accepts. */
public final class SeqModels {
    public static final List<String> NAMES = List.of("pop");
    public static final String DEFAULTS = "pop";

    private SeqModels() {}

    /** {@code name} with the seed, the {@code --param name.field=value} overrides and the training options. */
    public static NextModel create(String name, int seed, ModelParams params, TrainOptions train) {
        return switch (name) {
            case "pop" -> {
                params.noneFor(name);
                yield new SeqPop();
            }
            default -> throw new IllegalArgumentException("unknown next-item model `" + name + "`; valid names: " + NAMES);
        };
    }

    /** Refuses unknown names before anything is loaded or trained. */
    public static void check(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("`models` must name at least one next-item model of " + NAMES);
        }
        for (String n : names) {
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException("unknown next-item model `" + n + "`; valid names: " + NAMES);
            }
        }
    }
}
