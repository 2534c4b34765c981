package org.mmkgrec.embedding.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.embedding.tags.TagData;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The sequential protocol's data: each user's items in time order (an item enters the sequence the
 * first time the user interacted with it), on dense item indexes, with the leave-one-out split: a
 * user's last item is the test item, the one before it the validation item, the rest training.
 * Users with fewer than three items keep them all for training (no validation or test item).
 */
public final class SeqData {
    public final String[] userIds;
    public final String[] itemIds;
    private final int[][] sequences;

    /**
     * What every model may read: the corpus, each user's training sequence (oldest first; the items
     * before the validation item) and validation item (-1: none). A model never sees a test item.
     */
    public record Training(SeqData corpus, int[][] train, int[] validation) {
        public int itemCount() {
            return corpus.itemCount();
        }
    }

    /** The whole split; {@link #test()} (per user, -1: none) is the evaluator's. */
    public record Split(Training training, int[] test) {
        /** The history a test item follows: the training sequence and the validation item. */
        public int[] testHistory(int user) {
            int[] t = training.train()[user];
            int v = training.validation()[user];
            if (v < 0) {
                return t;
            }
            int[] h = Arrays.copyOf(t, t.length + 1);
            h[t.length] = v;
            return h;
        }
    }

    public SeqData(String[] userIds, String[] itemIds, int[][] sequences) {
        if (userIds.length != sequences.length) {
            throw new IllegalArgumentException("one sequence per user: " + userIds.length + " users, " + sequences.length + " sequences");
        }
        for (int[] s : sequences) {
            for (int i : s) {
                if (i < 0 || i >= itemIds.length) {
                    throw new IllegalArgumentException("item index " + i + " outside 0.." + (itemIds.length - 1));
                }
            }
        }
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.sequences = sequences;
    }

    /** Where a graph's sequences came from, for the report. */
    public enum Source {
        /** tag posts ({@code TAGGED}): an item enters when the user first tags it */
        POSTS,
        /** timestamped positive interactions */
        INTERACTIONS
    }

    /** The sequences of a graph with their source. */
    public record Read(SeqData data, Source source) {}

    /**
     * Reads the sequences of a graph: from its tag posts when it holds any (Last.FM: an artist enters
     * a user's sequence the day the user first tags it; ties by item index), else from its positive
     * interactions with timestamps (ties by item id); refused when it holds neither.
     */
    public static Read fromGraph(GraphDatabaseService db) {
        boolean posts = db.executeTransactionally(CypherScripts.query("embedding/seq-has-posts"), Map.of(),
                r -> (Boolean) r.next().get("posts"));
        return posts ? new Read(fromPosts(TagData.fromGraph(db)), Source.POSTS) : new Read(fromInteractions(db), Source.INTERACTIONS);
    }

    /** Each user's posted items by day (undated first), ties by item index. */
    static SeqData fromPosts(TagData tags) {
        List<List<TagData.Post>> byUser = new ArrayList<>();
        for (int u = 0; u < tags.userCount(); u++) {
            byUser.add(new ArrayList<>());
        }
        tags.posts().forEach(p -> byUser.get(p.user()).add(p));
        int[][] sequences = new int[tags.userCount()][];
        for (int u = 0; u < sequences.length; u++) {
            List<TagData.Post> ps = byUser.get(u);
            ps.sort(TagData.TIME_ORDER);
            sequences[u] = ps.stream().mapToInt(TagData.Post::item).distinct().toArray();
        }
        return new SeqData(tags.userIds, tags.itemIds, sequences);
    }

    private static SeqData fromInteractions(GraphDatabaseService db) {
        Map<String, List<Object[]>> byUser = new TreeMap<>();
        Map<String, Integer> items = new TreeMap<>();
        db.executeTransactionally(CypherScripts.query("embedding/seq-interactions"), Map.of(), r -> {
            r.forEachRemaining(row -> {
                String item = String.valueOf(row.get("item"));
                items.putIfAbsent(item, 0);
                byUser.computeIfAbsent(String.valueOf(row.get("user")), k -> new ArrayList<>())
                        .add(new Object[] {((Number) row.get("ts")).longValue(), item});
            });
            return null;
        });
        if (byUser.isEmpty()) {
            throw new IllegalStateException("the graph holds neither tag posts nor positive interactions with timestamps: "
                    + "the sequential protocol orders each user's items by time (e.g. ML-100K's RecBole files carry timestamps)");
        }
        int[] next = {0};
        items.replaceAll((k, v) -> next[0]++);
        String[] userIds = byUser.keySet().toArray(String[]::new);
        int[][] sequences = new int[userIds.length][];
        for (int u = 0; u < userIds.length; u++) {
            List<Object[]> xs = byUser.get(userIds[u]);
            xs.sort(Comparator.<Object[]>comparingLong(x -> (Long) x[0]).thenComparing(x -> (String) x[1]));
            sequences[u] = xs.stream().mapToInt(x -> items.get((String) x[1])).toArray();
        }
        return new SeqData(userIds, items.keySet().toArray(String[]::new), sequences);
    }

    public int userCount() {
        return userIds.length;
    }

    public int itemCount() {
        return itemIds.length;
    }

    /** User {@code u}'s whole sequence, oldest first. */
    public int[] sequence(int u) {
        return sequences[u].clone();
    }

    /** Leave-one-out by time (see the class comment). */
    public Split leaveOneOut() {
        int n = userCount();
        int[][] train = new int[n][];
        int[] validation = new int[n];
        int[] test = new int[n];
        for (int u = 0; u < n; u++) {
            int[] s = sequences[u];
            if (s.length < 3) {
                train[u] = s.clone();
                validation[u] = -1;
                test[u] = -1;
            } else {
                train[u] = Arrays.copyOf(s, s.length - 2);
                validation[u] = s[s.length - 2];
                test[u] = s[s.length - 1];
            }
        }
        return new Split(new Training(this, train, validation), test);
    }

    /** The users with a test item. */
    public static List<Integer> testUsers(Split split) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < split.test().length; u++) {
            if (split.test()[u] >= 0) {
                out.add(u);
            }
        }
        return out;
    }
}
