package org.mmkgrec.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.store.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The service's online writes killed with SIGKILL at seeded random points: after each restart
 * every write acknowledged before the kill is stored whole (an item with its name, KG link and
 * text content with its vector; a user; an interaction between the right user and item), the one
 * write in flight is stored whole or not at all, and nothing after it exists.
 *
 * <p>The child drives {@link org.mmkgrec.service.write.OnlineWrites}, the component the REST
 * routes call and whose return is the acknowledgement, on the embedded store as the service opens
 * it, not the whole Quarkus application: HTTP adds nothing to what is committed, and a Quarkus start
 * per kill would cost more than the rest of the test. It writes items, users and interactions in
 * turn and prints {@code ack <n>} after each returns; each of the {@value #KILLS} children is
 * killed after a seeded random number of acknowledgements (0: while it starts writing).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a bound for a hung child, far above the usual minute
class OnlineWritesKillTest {
    static final String RELATION = "film.genre";
    static final int ENTITIES = 5;
    static final int KILLS = 3;
    /** How long a child may take to open the store (seconds on an idle machine; minutes on a loaded one). */
    static final Duration START = Duration.ofMinutes(5);

    enum Kind { ITEM, USER, INTERACTION }

    /** One write of the child's sequence; fields the kind does not use are null. */
    record Write(Kind kind, String id, String name, String text, String entity, String user, String item, Double rating,
                 Long timestamp) {}

    /** The child's n-th write in round {@code round}: an item (every other one with text), its user, their interaction. */
    static Write nth(String round, int n) {
        String p = "r" + round + "-";
        return switch (n % 3) {
            case 0 -> new Write(Kind.ITEM, p + "i" + n, "Item " + n,
                    n % 2 == 0 ? "A quiet film about the sea and a lighthouse, number " + n : null,
                    "e" + n % ENTITIES, null, null, null, null);
            case 1 -> new Write(Kind.USER, p + "u" + n, "User " + n, null, null, null, null, null, null);
            default -> new Write(Kind.INTERACTION, p + "ev" + n, null, null, null, p + "u" + (n - 1), p + "i" + (n - 2),
                    1.0 + n % 5, 1_700_000_000L + n);
        };
    }

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteIsThereAfterAKill() {
        Path home = dir.resolve("graph");
        try (GraphStore store = ChildMain.open(home)) {
            store.db().executeTransactionally("UNWIND range(0, $n - 1) AS e CREATE (:Entity {entityId: 'e' + e})",
                    Map.of("n", (long) ENTITIES));
        }
        Random random = new Random(20261202);
        Map<String, Integer> lastAck = new LinkedHashMap<>(); // per round; -1: none
        List<String> story = new ArrayList<>();
        for (int round = 1; round <= KILLS; round++) {
            String name = Integer.toString(round);
            int target = random.nextInt(31);
            long t0 = System.nanoTime();
            double startSeconds;
            try (ChildJvm child = ChildJvm.start(OnlineWritesChild.class, dir.resolve("child-" + round + ".log"),
                    home.toString(), name)) {
                child.await("ready"::equals, START);
                startSeconds = (System.nanoTime() - t0) / 1e9;
                if (target > 0) {
                    child.await(("ack " + (target - 1))::equals, START);
                }
                assertThat(child.kill()).as("the child writes until it is killed").isTrue();
                lastAck.put(name, child.allEvents().stream().filter(l -> l.startsWith("ack "))
                        .mapToInt(l -> Integer.parseInt(l.substring(4))).max().orElse(-1));
            }
            story.add(String.format("round %d: killed after ack %d (asked for %d acks; child ready in %.1f s, killed at %.1f s)",
                    round, lastAck.get(name), target, startSeconds, (System.nanoTime() - t0) / 1e9));

            try (GraphStore store = ChildMain.open(home)) {
                GraphDatabaseService db = store.db();
                for (Map.Entry<String, Integer> r : lastAck.entrySet()) {
                    int acked = r.getValue();
                    for (int n = 0; n <= acked; n++) {
                        Write w = nth(r.getKey(), n);
                        assertThat(stored(db, w)).as("acknowledged %s after %s", w, story).isEqualTo("whole");
                    }
                    Write inFlight = nth(r.getKey(), acked + 1);
                    assertThat(stored(db, inFlight)).as("the write in flight, %s, after %s", inFlight, story)
                            .isIn("whole", "absent");
                    Write after = nth(r.getKey(), acked + 2);
                    assertThat(stored(db, after)).as("a write never begun, %s, after %s", after, story).isEqualTo("absent");
                }
            }
        }
        assertThat(lastAck.values().stream().mapToInt(a -> a + 1).sum()).as("acknowledged writes checked: %s", story)
                .isGreaterThan(KILLS);
        System.out.println(String.join("\n", story));
    }

    /** "whole", "absent", or what is wrong with a write that is there in part. */
    private static String stored(GraphDatabaseService db, Write w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", w.id());
        p.put("name", w.name());
        p.put("text", w.text());
        p.put("entity", w.entity());
        p.put("user", w.user());
        p.put("item", w.item());
        p.put("rating", w.rating());
        p.put("timestamp", w.timestamp());
        String query = switch (w.kind()) {
            case ITEM -> """
                    OPTIONAL MATCH (i:Item {id: $id})
                    RETURN i IS NOT NULL AS present,
                           i.name = $name
                           AND COUNT { (i)-[r]->(:Entity {entityId: $entity}) WHERE type(r) = '%s' } = 1
                           AND COUNT { (i)-[:HAS_TEXT]->(c:Content) WHERE c.text = $text AND c.dim = 384
                                       AND size(c.embedding) = 384 } = CASE WHEN $text IS NULL THEN 0 ELSE 1 END
                           AS whole""".formatted(RELATION);
            case USER -> """
                    OPTIONAL MATCH (u:User {id: $id})
                    RETURN u IS NOT NULL AS present, u.name = $name AS whole""";
            case INTERACTION -> """
                    OPTIONAL MATCH ()-[r:INTERACTED {eventId: $id}]->()
                    WITH collect(r) AS rs
                    RETURN size(rs) > 0 AS present,
                           size(rs) = 1 AND ALL(r IN rs WHERE startNode(r).id = $user AND endNode(r).id = $item
                                                AND r.rating = $rating AND r.label = 1 AND r.timestamp = $timestamp)
                           AS whole""";
        };
        Map<String, Object> row = db.executeTransactionally(query, p, r -> r.next());
        if (!Boolean.TRUE.equals(row.get("present"))) {
            return "absent";
        }
        return Boolean.TRUE.equals(row.get("whole")) ? "whole" : "partial: " + row;
    }
}
