package org.mmkgrec.embedding.tags;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mmkgrec.cypher.CypherScripts;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The tag protocol's data: the graph's posts (a user's tags on one item, {@code TAGGED}) split by
 * time per user, with the tag vocabulary and the items' KG context, all on dense indexes.
 *
 * <p>The split: each user's posts ordered by day (then item id); the last {@code testShare} of them
 * (rounded) are the test posts, the {@code validationShare} before those the validation posts, the
 * rest training. So a user's test posts are never older than any of their training posts. The
 * evaluator keeps {@link Split#test()} to itself; models get a {@link Training} (training and
 * validation posts only), and every count they read comes from the training posts.
 */
public final class TagData {

    /** One post: user and item index, its tag indexes (sorted, distinct), its day (null if undated). */
    public record Post(int user, int item, int[] tags, LocalDate day) {}

    /** A user's posts in time order: by day (undated first), then item index. */
    public static final Comparator<Post> TIME_ORDER = Comparator
            .comparing(Post::day, Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder())).thenComparingInt(Post::item);

    /** What every model may read: the vocabulary, the KG context, the training and validation posts. */
    public record Training(TagData corpus, List<Post> train, List<Post> validation) {}

    /** The whole split; {@link #test()} is the evaluator's. */
    public record Split(Training training, List<Post> test) {}

    public final String[] userIds;
    public final String[] itemIds;
    public final String[] tagIds;
    public final String[] tagNames;
    /** Entity-token indexes of each item (its KG entities), sorted. */
    public final int[][] itemEntities;
    /** How many distinct entity tokens there are. */
    public final int entityCount;
    /** Co-entity neighbours of each item with the entities they share, most shared first (ties by index). */
    public final int[][] neighbours;
    public final int[][] neighbourShared;
    private final List<Post> posts;

    TagData(String[] userIds, String[] itemIds, String[] tagIds, String[] tagNames, int[][] itemEntities,
            int entityCount, int[][] neighbours, int[][] neighbourShared, List<Post> posts) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.tagIds = tagIds;
        this.tagNames = tagNames;
        this.itemEntities = itemEntities;
        this.entityCount = entityCount;
        this.neighbours = neighbours;
        this.neighbourShared = neighbourShared;
        this.posts = List.copyOf(posts);
    }

    public int userCount() {
        return userIds.length;
    }

    public int itemCount() {
        return itemIds.length;
    }

    public int tagCount() {
        return tagIds.length;
    }

    public List<Post> posts() {
        return posts;
    }

    /** Reads the posts, tags, item entities and co-entity links; fails when the graph holds no posts. */
    public static TagData fromGraph(GraphDatabaseService db) {
        Map<String, Integer> tagIndex = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        db.executeTransactionally(CypherScripts.query("embedding/tag-names"), Map.of(), r -> {
            r.forEachRemaining(row -> names.put((String) row.get("id"), (String) row.get("name")));
            return null;
        });
        new TreeSet<>(names.keySet()).forEach(t -> tagIndex.put(t, tagIndex.size()));
        Map<String, List<String>> entitiesOf = new TreeMap<>();
        db.executeTransactionally(CypherScripts.query("embedding/tag-item-entities"), Map.of(), r -> {
            r.forEachRemaining(row -> {
                List<String> es = new ArrayList<>();
                for (Object e : (List<?>) row.get("entities")) {
                    es.add(String.valueOf(e));
                }
                entitiesOf.put(String.valueOf(row.get("item")), es);
            });
            return null;
        });
        Map<String, Integer> itemIndex = new HashMap<>();
        String[] itemIds = entitiesOf.keySet().toArray(String[]::new);
        for (String id : itemIds) {
            itemIndex.put(id, itemIndex.size());
        }
        Map<String, Integer> entityIndex = new TreeMap<>();
        entitiesOf.values().forEach(es -> es.forEach(e -> entityIndex.putIfAbsent(e, 0)));
        int[] next = {0};
        entityIndex.replaceAll((k, v) -> next[0]++);
        int[][] itemEntities = new int[itemIds.length][];
        for (int i = 0; i < itemIds.length; i++) {
            itemEntities[i] = entitiesOf.get(itemIds[i]).stream().mapToInt(entityIndex::get).sorted().distinct().toArray();
        }
        List<List<int[]>> links = new ArrayList<>();
        for (int i = 0; i < itemIds.length; i++) {
            links.add(new ArrayList<>());
        }
        db.executeTransactionally(CypherScripts.query("embedding/tag-co-entity"), Map.of(), r -> {
            r.forEachRemaining(row -> {
                Integer a = itemIndex.get(String.valueOf(row.get("a")));
                Integer b = itemIndex.get(String.valueOf(row.get("b")));
                int shared = ((Number) row.get("shared")).intValue();
                if (a != null && b != null) {
                    links.get(a).add(new int[] {b, shared});
                    links.get(b).add(new int[] {a, shared});
                }
            });
            return null;
        });
        int[][] neighbours = new int[itemIds.length][];
        int[][] shared = new int[itemIds.length][];
        for (int i = 0; i < itemIds.length; i++) {
            List<int[]> l = links.get(i);
            l.sort(Comparator.<int[]>comparingInt(x -> -x[1]).thenComparingInt(x -> x[0]));
            neighbours[i] = l.stream().mapToInt(x -> x[0]).toArray();
            shared[i] = l.stream().mapToInt(x -> x[1]).toArray();
        }
        Map<String, Integer> userIndex = new TreeMap<>();
        List<Object[]> raw = new ArrayList<>();
        db.executeTransactionally(CypherScripts.query("embedding/tag-posts"), Map.of(), r -> {
            r.forEachRemaining(row -> {
                String user = String.valueOf(row.get("user"));
                userIndex.putIfAbsent(user, 0);
                raw.add(new Object[] {user, String.valueOf(row.get("item")), row.get("tags"), row.get("day")});
            });
            return null;
        });
        if (raw.isEmpty()) {
            throw new IllegalStateException("the graph holds no tag posts (TAGGED): load a data set with tag assignments "
                    + "(Last.FM's hetrec/user_taggedartists.dat) into this store");
        }
        int[] nextUser = {0};
        userIndex.replaceAll((k, v) -> nextUser[0]++);
        List<Post> posts = new ArrayList<>(raw.size());
        for (Object[] p : raw) {
            Integer item = itemIndex.get((String) p[1]);
            int[] tags = tags(p[2]).stream().map(tagIndex::get).filter(x -> x != null).mapToInt(Integer::intValue)
                    .sorted().distinct().toArray();
            if (item == null || tags.length == 0) {
                continue;
            }
            posts.add(new Post(userIndex.get((String) p[0]), item, tags, (LocalDate) p[3]));
        }
        String[] tagIds = tagIndex.keySet().toArray(String[]::new);
        String[] tagNames = Arrays.stream(tagIds).map(names::get).toArray(String[]::new);
        return new TagData(userIndex.keySet().toArray(String[]::new), itemIds, tagIds, tagNames, itemEntities,
                entityIndex.size(), neighbours, shared, posts);
    }

    private static List<String> tags(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[] a) {
            out.addAll(Arrays.asList(a));
        } else if (value instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    /**
     * The per-user time split: of a user's {@code n} posts (by day, undated first, then item index),
     * the last {@code round(testShare n)} are test, the {@code round(validationShare n)} before them
     * validation, the rest training.
     */
    public Split split(double testShare, double validationShare) {
        if (!(testShare > 0 && validationShare >= 0 && testShare + validationShare < 1)) {
            throw new IllegalArgumentException("test and validation shares must be in (0, 1) and sum below 1, were "
                    + testShare + ", " + validationShare);
        }
        List<List<Post>> byUser = new ArrayList<>();
        for (int u = 0; u < userCount(); u++) {
            byUser.add(new ArrayList<>());
        }
        posts.forEach(p -> byUser.get(p.user()).add(p));
        List<Post> train = new ArrayList<>();
        List<Post> validation = new ArrayList<>();
        List<Post> test = new ArrayList<>();
        for (List<Post> ps : byUser) {
            ps.sort(TIME_ORDER);
            int n = ps.size();
            int t = (int) Math.round(testShare * n);
            int v = (int) Math.round(validationShare * n);
            for (int k = 0; k < n; k++) {
                (k >= n - t ? test : k >= n - t - v ? validation : train).add(ps.get(k));
            }
        }
        return new Split(new Training(this, train, validation), test);
    }
}
