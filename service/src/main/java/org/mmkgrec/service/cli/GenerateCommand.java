package org.mmkgrec.service.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mmkgrec.loader.derive.SyntheticDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mmkg generate}: a seeded synthetic data set in the KGCN format, at any multiple of Last.FM's size. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a seeded synthetic data set in the KGCN format the loader and evaluator read like "
                + "../shared/data/lastfm-kg: ratings_final.txt (power-law user activity and item popularity, users drawn "
                + "to latent item groups, one sampled negative per positive), kg_final.txt (typed relations, hub entities "
                + "tied to the item groups), item_index2entity_id.txt, the 6:2:2 CTR split and the 8:2 top-K split under "
                + "splits/, and with --text item_text.tsv.",
                "Counts default to --scale x Last.FM's shape (1,872 users, 3,846 items, 9,366 entities, 15,518 triples, "
                        + "60 relations, 11.31 positives per user); each count option overrides its part.",
                "GENERATED.md in the output records the command, seed, counts, shape and the SHA-256 of every file; "
                        + "the same command writes the same bytes."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output directory (new or empty)")
    Path out;

    @Option(names = "--scale", paramLabel = "F",
            description = "every count F times Last.FM's (relations and positives per user stay); default: 1")
    Double scale;

    @Option(names = "--users", paramLabel = "N", description = "users (default: 1,872 x scale)")
    Integer users;

    @Option(names = "--items", paramLabel = "N", description = "items (default: 3,846 x scale)")
    Integer items;

    @Option(names = "--entities", paramLabel = "N",
            description = "KG entities, items included (default: 9,366 x scale)")
    Integer entities;

    @Option(names = "--triples", paramLabel = "N", description = "KG triples (default: 15,518 x scale)")
    Integer triples;

    @Option(names = "--relations", paramLabel = "N", description = "KG relation types (default: 60)")
    Integer relations;

    @Option(names = "--positives-per-user", paramLabel = "X",
            description = "mean positives per user; as many sampled negatives (default: 11.31, Last.FM's 21,173 / 1,872)")
    Double positivesPerUser;

    @Option(names = "--text", description = "also write item_text.tsv: names and tags from a small vocabulary tied to the KG")
    boolean text;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "seed of every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--force", description = "replace the contents of a non-empty output directory")
    boolean force;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        SyntheticDataset.Options options = SyntheticDataset.Options.of(out, scale, users, items, entities, triples, relations,
                positivesPerUser, text, seed, force, quiet);
        System.out.print(SyntheticDataset.generate(options).describe());
        return 0;
    }
}
