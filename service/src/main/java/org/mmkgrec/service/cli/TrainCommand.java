package org.mmkgrec.service.cli;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmkgrec.embedding.version.ModelVersions;
import org.mmkgrec.embedding.version.TrainJob;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mmkg train}: trains a vector model on a loaded store and writes its vectors back as the
 * new active model version, which the service then answers from by default. The store must not be
 * open in a running service (one process per embedded store).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on a loaded store and write its user and item vectors back as the new active",
                "model version (with a vector index); the service answers from the active version by default."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--model", defaultValue = "lightgcn", paramLabel = "NAME",
            description = "lightgcn, mmgcn, mkgat, crm-man, bm3, mf-side, bprmf or transe (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    int seed;

    @Mixin
    TrainingOptions training;

    @Option(names = "--keep", paramLabel = "N",
            description = {"after training, prune old model versions: keep the N newest complete ones (the new one",
                    "among them) and the active one; their vectors, index and metadata go (default: keep all)"})
    Integer keep;

    @Override
    public Integer call() {
        if (keep != null && keep < 0) {
            throw new IllegalArgumentException("--keep must be >= 0, was " + keep);
        }
        if (!Files.isDirectory(data.dataDir.resolve("graph"))) {
            throw new IllegalArgumentException("no store under " + data.dataDir + ": run ./mmkg load --data " + data.dataDir + " first");
        }
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(data.dataDir.resolve("graph"), data.pageCache))) {
            String split = store.db().executeTransactionally("MATCH (d:Dataset) RETURN d.split AS s LIMIT 1", Map.of(),
                    r -> r.hasNext() ? String.valueOf(r.next().get("s")) : "none");
            TrainJob job = new TrainJob(store.db(), model, seed, split, data.dataDir.resolve("models"),
                    training.loss(), training.params(), training.train(null));
            if (keep != null) {
                job.keepVersions(keep);
            }
            ModelVersions.Version v = job.run();
            System.out.printf("active model version: %s (%s, %d-d vectors)%n", v.id(), v.model(), v.dimension() - 1);
        }
        return 0;
    }
}
