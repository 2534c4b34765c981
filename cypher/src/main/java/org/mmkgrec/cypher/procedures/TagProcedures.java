package org.mmkgrec.cypher.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mmkgrec.cypher.rec.BadConfig;
import org.mmkgrec.cypher.rec.TagConfig;
import org.mmkgrec.cypher.rec.TagRecommender;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code mmkg.recommendTags}: the tag recommender ({@link TagRecommender}) as a Cypher procedure,
 * returning the tag nodes so Neo4j Browser draws them. It reads the store in the caller's
 * transaction; the config keys are {@link TagConfig}'s.
 */
public class TagProcedures {
    private static final Label TAG = Label.label("Tag");

    @Context
    public Transaction tx;

    @Context
    public GraphDatabaseService db;

    /** One row of {@code mmkg.recommendTags}. */
    public static class TagRow {
        @Description("1 for the best tag")
        public final long rank;
        @Description("the tag node")
        public final Node tag;
        @Description("the tag's id (Tag.id)")
        public final String tagId;
        @Description("the tag's name")
        public final String name;
        @Description("sum over the sources of weight * count / the source's total (cypher/README.md, tag recommendation)")
        public final double score;
        @Description("whether the user's own post on this item (TAGGED) already holds the tag")
        public final boolean posted;
        @Description("the sources that contributed, as maps {source, count, contribution, items, text}")
        public final List<Map<String, Object>> explanation;

        TagRow(long rank, Node tag, TagRecommender.Scored s) {
            this.rank = rank;
            this.tag = tag;
            this.tagId = s.tagId();
            this.name = s.name();
            this.score = s.score();
            this.posted = s.posted();
            this.explanation = s.explanation().stream().map(TagRecommender.Evidence::toMap).toList();
        }
    }

    @Procedure(name = "mmkg.recommendTags", mode = Mode.READ)
    @Description("mmkg.recommendTags(itemId, userId, k = 10, config = {}) - the k best tags for an item "
            + "(for a user when userId is not null), each with the evidence of its sources: the user's tag uses, the "
            + "item's tags, its KG (co-entity) neighbours' tags, the tags of the items nearest by text (for an item "
            + "without tags) and the most used tags. config keys: weights {user, item, neighbours, content, global}, "
            + "userHalfLife (posts; the user's recent tag uses weigh more, 0: plain counts).")
    public Stream<TagRow> recommendTags(
            @Name(value = "itemId", description = "the item's id (Item.id)") String itemId,
            @Name(value = "userId", description = "the user's id (User.id), or null for none")
            String userId,
            @Name(value = "k", defaultValue = "10", description = "how many tags, 1..100") long k,
            @Name(value = "config", defaultValue = "{}", description = "options, see the procedure description")
            Map<String, Object> config) {
        if (k < 1 || k > TagRecommender.MAX_K) {
            throw new BadConfig("k", "must be in 1.." + TagRecommender.MAX_K + ", got " + k);
        }
        TagConfig c = TagConfig.parse(config);
        List<TagRow> rows = new ArrayList<>();
        for (TagRecommender.Scored s : TagRecommender.of(db).recommend(tx, itemId, userId, (int) k, c)) {
            rows.add(new TagRow(rows.size() + 1, tx.findNode(TAG, "id", s.tagId()), s));
        }
        return rows.stream();
    }
}
