package org.mmkgrec.cypher.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mmkgrec.cypher.rec.Explanation;
import org.mmkgrec.cypher.rec.GraphRecommender;
import org.mmkgrec.cypher.rec.NotFound;
import org.mmkgrec.cypher.rec.RecConfig;
import org.mmkgrec.cypher.rec.ServingEngine;
import org.neo4j.graphalgo.impl.util.PathImpl;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code mmkg.recommend}, {@code mmkg.similar} and {@code mmkg.explain}: the service's answers as
 * Cypher procedures, returning nodes and paths so Neo4j Browser draws them. Recommendations,
 * similar items and explanations come from the database's {@link ServingEngine} (in-memory, kept
 * current by every commit); {@link GraphRecommender} answers what the engine does not hold (a model
 * version other than the active one) and calls made in a transaction that has written and not
 * committed yet (its own writes are visible to it only). The config keys are {@link RecConfig}'s.
 */
public class RecommendProcedures {

    @Context
    public Transaction tx;

    @Context
    public GraphDatabaseService db;

    /** One row of {@code mmkg.recommend}. */
    public static class RecommendRow {
        @Description("1 for the best item")
        public final long rank;
        @Description("the recommended item node")
        public final Node item;
        @Description("the item's id")
        public final String itemId;
        @Description("the hybrid score (cypher/README.md)")
        public final double score;
        @Description("the score term that contributed most: cf, kg, content or popular; or the trained model's name")
        public final String source;
        @Description("the model that answered: a trained model version's id, or hybrid")
        public final String model;
        @Description("explanation paths (user)-[:INTERACTED]->(history item)...(item), best first")
        public final List<Path> paths;
        @Description("the same explanations as maps {weight, text, hops}")
        public final List<Map<String, Object>> explanations;

        RecommendRow(long rank, Node item, ServingEngine.Item it, String model, List<Path> paths) {
            this.rank = rank;
            this.model = model;
            this.item = item;
            this.itemId = it.itemId();
            this.score = it.score();
            this.source = it.source();
            this.paths = paths;
            this.explanations = it.paths().stream().map(ServingEngine.PathRef::map).toList();
        }

        RecommendRow(long rank, GraphRecommender.Scored s, String model) {
            this.rank = rank;
            this.model = model;
            this.item = s.item();
            this.itemId = (String) s.item().getProperty("id");
            this.score = s.score();
            this.source = s.source();
            this.paths = s.explanations().stream().map(Explanation::path).toList();
            this.explanations = s.explanations().stream().map(Explanation::toMap).toList();
        }
    }

    /** One row of {@code mmkg.similar}. */
    public static class SimilarRow {
        @Description("1 for the most similar item")
        public final long rank;
        @Description("the similar item node")
        public final Node item;
        @Description("the item's id")
        public final String itemId;
        @Description("cosine similarity of the text vectors, or the shared-entity score without vectors")
        public final double score;
        @Description("content (vectors) or kg (shared entities)")
        public final String source;
        @Description("KG entities both items link to: {type, id, name, relation, relation2}")
        public final List<Map<String, Object>> shared;

        SimilarRow(long rank, Node item, ServingEngine.Similar s) {
            this.rank = rank;
            this.item = item;
            this.itemId = s.itemId();
            this.score = s.score();
            this.source = s.source();
            this.shared = s.shared();
        }

        SimilarRow(long rank, GraphRecommender.Scored s) {
            this.rank = rank;
            this.item = s.item();
            this.itemId = (String) s.item().getProperty("id");
            this.score = s.score();
            this.source = s.source();
            this.shared = s.shared();
        }
    }

    /** One row of {@code mmkg.explain}. */
    public static class ExplainRow {
        @Description("1 for the best explanation")
        public final long rank;
        @Description("the path (user)-[:INTERACTED]->(history item)-...-(item)")
        public final Path path;
        @Description("the path's weight: product of 1 / ln(2 + degree) over its intermediate nodes (cypher/README.md)")
        public final double weight;
        @Description("the path as a sentence")
        public final String text;
        @Description("the hops as maps {from, relation, forward, to}")
        public final List<Map<String, Object>> hops;

        @SuppressWarnings("unchecked")
        ExplainRow(long rank, ServingEngine.PathRef p, Path path) {
            this.rank = rank;
            this.path = path;
            this.weight = p.weight();
            this.text = (String) p.map().get("text");
            this.hops = (List<Map<String, Object>>) p.map().get("hops");
        }

        @SuppressWarnings("unchecked")
        ExplainRow(long rank, Explanation e) {
            Map<String, Object> m = e.toMap();
            this.rank = rank;
            this.path = e.path();
            this.weight = e.weight();
            this.text = (String) m.get("text");
            this.hops = (List<Map<String, Object>>) m.get("hops");
        }
    }

    @Procedure(name = "mmkg.recommend", mode = Mode.READ)
    @Description("mmkg.recommend(userId, k, config) - the top-k items for a user with the KG paths that explain "
            + "them, from the active trained model version (else the hybrid recommender). config keys: model, excludeSeen, "
            + "explain, maxPaths, maxHops, entities, tags, weights {cf, kg, content, pop}, hubDegree, contentCandidates, "
            + "neighbours, trainingOnly.")
    public Stream<RecommendRow> recommend(
            @Name(value = "userId", description = "the user's id (User.id)") String userId,
            @Name(value = "k", defaultValue = "10", description = "how many items, 1..1000") long k,
            @Name(value = "config", defaultValue = "{}", description = "options, see the procedure description")
            Map<String, Object> config) {
        checkK(k);
        RecConfig c = RecConfig.parse(config, 2);
        if (engineSees()) {
            Optional<ServingEngine.Answer> answer = ServingEngine.of(db).recommend(userId, (int) k, c);
            if (answer.isPresent()) {
                try {
                    List<RecommendRow> rows = new ArrayList<>();
                    for (ServingEngine.Item it : answer.get().items()) {
                        rows.add(new RecommendRow(rows.size() + 1, node(it.nodeId()), it, answer.get().model(),
                                it.paths().stream().map(this::path).toList()));
                    }
                    return rows.stream();
                } catch (NotFoundException deletedMeanwhile) {
                    // a node or relationship went away after the answer: the store path answers
                }
            }
        }
        GraphRecommender rec = new GraphRecommender(tx);
        Node user = rec.user(userId).orElseThrow(() -> NotFound.user(userId));
        List<RecommendRow> rows = new ArrayList<>();
        String model = rec.modelFor(user, c);
        for (GraphRecommender.Scored s : rec.recommend(user, (int) k, c)) {
            rows.add(new RecommendRow(rows.size() + 1, s, model));
        }
        return rows.stream();
    }

    @Procedure(name = "mmkg.similar", mode = Mode.READ)
    @Description("mmkg.similar(itemId, k, config) - the k items most similar to an item by text vector "
            + "(cosine), or by shared KG entities when it has none, with the entities they share. "
            + "config keys: entities, tags, contentCandidates, hubDegree.")
    public Stream<SimilarRow> similar(
            @Name(value = "itemId", description = "the item's id (Item.id)") String itemId,
            @Name(value = "k", defaultValue = "10", description = "how many items, 1..1000") long k,
            @Name(value = "config", defaultValue = "{}", description = "options, see the procedure description")
            Map<String, Object> config) {
        checkK(k);
        RecConfig c = RecConfig.parse(config, 2);
        if (engineSees()) {
            try {
                List<SimilarRow> rows = new ArrayList<>();
                for (ServingEngine.Similar s : ServingEngine.of(db).similar(itemId, (int) k, c)) {
                    rows.add(new SimilarRow(rows.size() + 1, node(s.nodeId()), s));
                }
                return rows.stream();
            } catch (NotFoundException deletedMeanwhile) {
                // as in recommend: the store path answers
            }
        }
        GraphRecommender rec = new GraphRecommender(tx);
        Node item = rec.item(itemId).orElseThrow(() -> NotFound.item(itemId));
        List<SimilarRow> rows = new ArrayList<>();
        for (GraphRecommender.Scored s : rec.similar(item, (int) k, c)) {
            rows.add(new SimilarRow(rows.size() + 1, s));
        }
        return rows.stream();
    }

    @Procedure(name = "mmkg.explain", mode = Mode.READ)
    @Description("mmkg.explain(userId, itemId, config) - the paths from the user's liked items to the item "
            + "through KG relationships, co-entity links and tags, best first. config keys: maxPaths (default 3), "
            + "maxHops (1..3, default 3), hubDegree, trainingOnly.")
    public Stream<ExplainRow> explain(
            @Name(value = "userId", description = "the user's id (User.id)") String userId,
            @Name(value = "itemId", description = "the item's id (Item.id)") String itemId,
            @Name(value = "config", defaultValue = "{}", description = "options, see the procedure description")
            Map<String, Object> config) {
        RecConfig c = RecConfig.parse(config, 3);
        if (engineSees()) {
            try {
                List<ExplainRow> rows = new ArrayList<>();
                for (ServingEngine.PathRef p : ServingEngine.of(db).explain(userId, itemId, c)) {
                    rows.add(new ExplainRow(rows.size() + 1, p, path(p)));
                }
                return rows.stream();
            } catch (NotFoundException deletedMeanwhile) {
                // as in recommend: the store path answers
            }
        }
        GraphRecommender rec = new GraphRecommender(tx);
        Node user = rec.user(userId).orElseThrow(() -> NotFound.user(userId));
        Node item = rec.item(itemId).orElseThrow(() -> NotFound.item(itemId));
        List<ExplainRow> rows = new ArrayList<>();
        for (Explanation e : rec.explain(user, item, c)) {
            rows.add(new ExplainRow(rows.size() + 1, e));
        }
        return rows.stream();
    }

    /**
     * Whether the serving engine sees what this transaction sees: it holds committed data, so not
     * when the calling transaction has written something it has not committed.
     */
    private boolean engineSees() {
        return !(tx instanceof InternalTransaction itx) || !itx.kernelTransaction().dataRead().transactionStateHasChanges();
    }

    @SuppressWarnings("deprecation") // store ids: what the serving engine holds, read back within this transaction
    private Node node(long id) {
        return tx.getNodeById(id);
    }

    @SuppressWarnings("deprecation")
    private Path path(ServingEngine.PathRef p) {
        PathImpl.Builder b = new PathImpl.Builder(node(p.nodeIds()[0]));
        for (long rel : p.relIds()) {
            b = b.push(tx.getRelationshipById(rel));
        }
        return b.build();
    }

    private static void checkK(long k) {
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k: must be in 1..1000, got " + k);
        }
    }
}
