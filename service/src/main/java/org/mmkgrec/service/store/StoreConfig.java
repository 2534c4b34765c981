package org.mmkgrec.service.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** The {@code mmkg.store.*} keys; each is documented with its default in application.properties. */
@ConfigMapping(prefix = "mmkg.store")
public interface StoreConfig {
    @WithDefault("data/lastfm")
    String dataDir();

    @WithDefault("512m")
    String pagecache();

    Connector bolt();

    Connector http();

    Auth auth();

    /** A Cypher file (class path or file system) run once when the store is empty. */
    Optional<String> fixture();

    interface Connector {
        @WithDefault("true")
        boolean enabled();

        String listen();
    }

    interface Auth {
        @WithDefault("false")
        boolean enabled();

        Optional<String> password();
    }
}
