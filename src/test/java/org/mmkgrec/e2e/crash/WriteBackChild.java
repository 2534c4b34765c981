package org.mmkgrec.e2e.crash;

import java.nio.file.Path;
import org.mmkgrec.embedding.version.ModelVersions;
import org.mmkgrec.store.GraphStore;

/**
 * The child of {@link TrainWriteBackKillTest}: the write-back of {@code ./mmkg train}
 * ({@link ModelVersions#write}, as {@code TrainJob} calls it once the model is fitted) of a seeded
 * set of vectors, saying {@code ready}, {@code commit <n>} per transaction, then {@code done <version id>}.
 *
 * <p>Arguments: store home, seed.
 */
public final class WriteBackChild {
    private WriteBackChild() {}

    public static void main(String[] args) {
        try (GraphStore store = ChildMain.open(Path.of(args[0]))) {
            ModelVersions.Trained trained = TrainWriteBackKillTest.trained(Long.parseLong(args[1]));
            ChildMain.reportCommits(store);
            ChildMain.say("ready");
            ModelVersions.Version v = ModelVersions.write(store.db(), trained, TrainWriteBackKillTest.BATCH, null);
            ChildMain.say("done " + v.id());
        }
    }
}
