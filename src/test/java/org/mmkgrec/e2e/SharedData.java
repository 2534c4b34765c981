package org.mmkgrec.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data: system property mmkg.data.root (set by surefire), else $MMKG_DATA_ROOT. */
final class SharedData {
    private SharedData() {}

    static Path root() {
        String env = System.getenv("MMKG_DATA_ROOT");
        String prop = System.getProperty("mmkg.data.root");
        Path root = Path.of(env != null && !env.isBlank() ? env : prop != null ? prop : "../shared/data");
        if (!Files.isDirectory(root.resolve("lastfm-kg"))) {
            throw new IllegalStateException("benchmark data not found under " + root.toAbsolutePath()
                    + " (set MMKG_DATA_ROOT)");
        }
        return root;
    }

    static Path lastFm() {
        return root().resolve("lastfm-kg");
    }

    static Path movieLens() {
        return root().resolve("ml-100k-kg");
    }
}
