package org.mmkgrec.e2e.crash;

import java.nio.file.Path;
import java.time.Duration;
import org.mmkgrec.service.recommend.RecommendationCache;
import org.mmkgrec.service.store.EmbeddedBackend;
import org.mmkgrec.service.write.InteractionInput;
import org.mmkgrec.service.write.ItemInput;
import org.mmkgrec.service.write.OnlineWrites;
import org.mmkgrec.service.write.UserInput;
import org.mmkgrec.service.write.WriteResult;
import org.mmkgrec.store.GraphStore;

/**
 * The child of {@link OnlineWritesKillTest}: the service's write path ({@link OnlineWrites} over the
 * embedded backend, as {@code PUT /api/v1/items/{id}}, {@code PUT /api/v1/users/{id}} and
 * {@code POST /api/v1/interactions} call it) writing {@link OnlineWritesKillTest#nth} one after
 * another until it is killed, saying {@code ack <n>} once a write has returned, i.e. when the
 * service would answer 200/201.
 *
 * <p>Arguments: store home, round (the prefix of every id written).
 */
public final class OnlineWritesChild {
    private OnlineWritesChild() {}

    public static void main(String[] args) {
        String round = args[1];
        try (GraphStore store = ChildMain.open(Path.of(args[0]))) {
            // the answer cache plays no part in what is stored: off
            OnlineWrites writes = new OnlineWrites(new EmbeddedBackend(store.db(), "embedded", Duration.ZERO),
                    new RecommendationCache(Duration.ZERO, Duration.ZERO, 1, null));
            ChildMain.say("ready");
            for (int n = 0; n < 1_000_000; n++) {
                OnlineWritesKillTest.Write w = OnlineWritesKillTest.nth(round, n);
                WriteResult result = switch (w.kind()) {
                    case ITEM -> writes.upsertItem(w.id(), new ItemInput(w.name(), w.text(),
                            java.util.List.of(new ItemInput.EntityLink(w.entity(), OnlineWritesKillTest.RELATION))));
                    case USER -> writes.upsertUser(w.id(), new UserInput(w.name()));
                    case INTERACTION -> writes.addInteraction(new InteractionInput(w.id(), w.user(), w.item(), 1,
                            w.rating(), w.timestamp()));
                };
                if (!result.created()) {
                    throw new IllegalStateException("write " + w + " was not new: " + result);
                }
                ChildMain.say("ack " + n);
            }
        }
    }
}
