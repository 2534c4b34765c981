package org.mmkgrec.embedding.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.loader.HeldOutFile;
import org.mmkgrec.loader.source.Interaction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The training side of a loaded graph with dense indexes: users and items in id order, each user's
 * training positives and negatives, and the eval rows. Built only from the graph, which never holds
 * the split's test part, so nothing built from this view can see a test interaction.
 */
public final class InteractionData {
    public final List<String> users;
    public final List<String> items;
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    /** per user, sorted item indexes liked / disliked in the TRAIN (or ALL) part */
    public final int[][] trainPositives;
    public final int[][] trainNegatives;
    /** the EVAL part: user, item, label per row */
    public final int[] evalUsers;
    public final int[] evalItems;
    public final int[] evalLabels;
    /** Whether the eval rows are a validation slice carved from training rows the graph still holds as training data. */
    private final boolean evalSliced;

    private InteractionData(List<String> users, List<String> items, int[][] pos, int[][] neg, int[][] eval) {
        this(users, items, pos, neg, eval, false);
    }

    private InteractionData(List<String> users, List<String> items, int[][] pos, int[][] neg, int[][] eval, boolean evalSliced) {
        this.evalSliced = evalSliced;
        this.users = List.copyOf(users);
        this.items = List.copyOf(items);
        for (int u = 0; u < users.size(); u++) {
            userIndex.put(users.get(u), u);
        }
        for (int i = 0; i < items.size(); i++) {
            itemIndex.put(items.get(i), i);
        }
        this.trainPositives = pos;
        this.trainNegatives = neg;
        this.evalUsers = eval[0];
        this.evalItems = eval[1];
        this.evalLabels = eval[2];
    }

    public static InteractionData fromGraph(GraphDatabaseService db) {
        try (Transaction tx = db.beginTx()) {
            List<String> users = ids(tx, "embedding/users");
            List<String> items = ids(tx, "embedding/items");
            Map<String, Integer> u = index(users);
            Map<String, Integer> i = index(items);
            List<List<Integer>> pos = lists(users.size());
            List<List<Integer>> neg = lists(users.size());
            List<int[]> eval = new ArrayList<>();
            try (Result rows = tx.execute(CypherScripts.query("embedding/training-interactions"))) {
                while (rows.hasNext()) {
                    Map<String, Object> r = rows.next();
                    int user = u.get((String) r.get("user"));
                    int item = i.get((String) r.get("item"));
                    int label = ((Number) r.get("label")).intValue();
                    if ("eval".equals(r.get("split"))) {
                        eval.add(new int[] {user, item, label});
                    } else {
                        (label == 1 ? pos : neg).get(user).add(item);
                    }
                }
            }
            return new InteractionData(users, items, sorted(pos), sorted(neg), evalColumns(eval));
        }
    }

    /**
     * A copy whose eval split is a seeded validation slice of the training positives: for each user
     * with at least 3 of them, {@code fraction} (rounded, at least 1) move to the eval split as positives;
     * the rest stay training data. For stores whose split has no eval part (Last.FM's MCCLK 8:2), so
     * that early stopping and tuning never need the test part. Existing eval rows are kept.
     */
    public InteractionData withValidationSlice(double fraction, int seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + fraction);
        }
        java.util.Random random = new java.util.Random(seed);
        int[][] pos = new int[trainPositives.length][];
        List<int[]> eval = new ArrayList<>();
        for (int k = 0; k < evalUsers.length; k++) {
            eval.add(new int[] {evalUsers[k], evalItems[k], evalLabels[k]});
        }
        for (int u = 0; u < pos.length; u++) {
            int[] liked = trainPositives[u].clone();
            if (liked.length < 3) {
                pos[u] = liked;
                continue;
            }
            for (int k = liked.length - 1; k > 0; k--) {
                int r = random.nextInt(k + 1);
                int t = liked[k];
                liked[k] = liked[r];
                liked[r] = t;
            }
            int held = Math.max(1, (int) Math.round(fraction * liked.length));
            for (int k = 0; k < held; k++) {
                eval.add(new int[] {u, liked[k], 1});
            }
            pos[u] = Arrays.stream(liked, held, liked.length).sorted().toArray();
        }
        return new InteractionData(users, items, pos, trainNegatives, evalColumns(eval), true);
    }

    /**
     * Whether the eval rows are a validation slice ({@link #withValidationSlice}): models that read
     * interactions from the graph rather than from this view (the hybrid) would see them as training
     * data there, so they must not be tuned on them.
     */
    public boolean evalSliced() {
        return evalSliced;
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }

    public long trainPositiveCount() {
        return Arrays.stream(trainPositives).mapToLong(a -> a.length).sum();
    }

    /** The dense index of a user id, or null when the graph has no such user. */
    public Integer userIndex(String id) {
        return userIndex.get(id);
    }

    /** The dense index of an item id, or null when the graph has no such item. */
    public Integer itemIndex(String id) {
        return itemIndex.get(id);
    }

    public boolean isTrainPositive(int user, int item) {
        return Arrays.binarySearch(trainPositives[user], item) >= 0;
    }

    /** Test rows of the held-out file as indexes; rows naming users or items the graph lacks are dropped. */
    public TestSet testSet(Path heldOutFile) {
        List<Interaction> rows = HeldOutFile.read(heldOutFile);
        int[][] t = new int[3][rows.size()];
        int n = 0;
        for (Interaction x : rows) {
            Integer u = userIndex.get(x.userId());
            Integer i = itemIndex.get(x.itemId());
            if (u == null || i == null) {
                continue;
            }
            t[0][n] = u;
            t[1][n] = i;
            t[2][n] = x.label();
            n++;
        }
        return new TestSet(Arrays.copyOf(t[0], n), Arrays.copyOf(t[1], n), Arrays.copyOf(t[2], n), rows.size() - n);
    }

    /** The split's test part, indexed; {@code dropped} rows named unknown users or items. */
    public record TestSet(int[] users, int[] items, int[] labels, int dropped) {
        public int size() {
            return users.length;
        }
    }

    /** Eval rows {user, item, label} sorted by user then item, as three columns. */
    private static int[][] evalColumns(List<int[]> eval) {
        eval.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        int[][] e = new int[3][eval.size()];
        for (int k = 0; k < eval.size(); k++) {
            e[0][k] = eval.get(k)[0];
            e[1][k] = eval.get(k)[1];
            e[2][k] = eval.get(k)[2];
        }
        return e;
    }

    private static List<String> ids(Transaction tx, String query) {
        List<String> out = new ArrayList<>();
        tx.execute(CypherScripts.query(query)).forEachRemaining(r -> out.add((String) r.get("id")));
        return out;
    }

    private static Map<String, Integer> index(List<String> ids) {
        Map<String, Integer> m = new HashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            m.put(ids.get(k), k);
        }
        return m;
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    private static int[][] sorted(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int k = 0; k < lists.size(); k++) {
            out[k] = lists.get(k).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        return out;
    }
}
