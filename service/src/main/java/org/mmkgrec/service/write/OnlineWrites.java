package org.mmkgrec.service.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.loader.text.TextEncoder;
import org.mmkgrec.service.api.BadRequestException;
import org.mmkgrec.service.api.InputRules;
import org.mmkgrec.service.recommend.NotFoundException;
import org.mmkgrec.service.recommend.RecommendationCache;
import org.mmkgrec.service.store.GraphBackend;

/**
 * Validates and commits the online writes, each in one transaction ({@link GraphBackend#inWriteTransaction},
 * run again on transient failures); ids, names, text and relation names pass {@link InputRules}
 * first. Every query is a {@code cypher/queries} script with parameters.
 */
@ApplicationScoped
public class OnlineWrites {
    private final GraphBackend graph;
    private final RecommendationCache cache;

    @Inject
    public OnlineWrites(GraphBackend graph, RecommendationCache cache) {
        this.graph = graph;
        this.cache = cache;
    }

    public WriteResult upsertUser(String rawUserId, UserInput input) {
        String userId = InputRules.id("userId", rawUserId);
        String name = InputRules.name("name", input == null ? null : input.name());
        boolean created = flag(graph.write(CypherScripts.query("queries/upsert-user"),
                params("userId", userId, "name", name)), "created");
        return new WriteResult(userId, created, created ? "user added" : "user updated");
    }

    /**
     * Adds or updates an item in ONE transaction: the entities' existence, the item with its text
     * and KG links, its co-entity links and its vector in the active model version are committed
     * together or not at all. Everything that can be checked without the graph is checked first,
     * and the text is encoded before the transaction begins (it holds no locks meanwhile).
     */
    public WriteResult upsertItem(String rawItemId, ItemInput input) {
        String itemId = InputRules.id("itemId", rawItemId);
        if (input == null) {
            throw new BadRequestException("body", "a JSON body {name, text, entities} is required");
        }
        String name = InputRules.name("name", input.name());
        String text = InputRules.text("text", input.text());
        List<ItemInput.EntityLink> entities = input.entities() == null ? List.of() : input.entities();
        if (entities.size() > InputRules.MAX_ENTITIES) {
            throw new BadRequestException("entities", "at most " + InputRules.MAX_ENTITIES
                    + " KG links per request, were " + entities.size());
        }
        List<Map<String, Object>> links = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            ItemInput.EntityLink link = entities.get(i);
            if (link == null) {
                throw new BadRequestException("entities[" + i + "]", "a KG link {id, relation} is required");
            }
            String id = InputRules.id("entities[" + i + "].id", link.id());
            String relation = InputRules.relation("entities[" + i + "].relation", link.relation());
            links.add(Map.of("id", id, "relation", relation));
            ids.add(id);
        }
        float[] vector = text == null ? null : encode(text);
        Upserted done = graph.inWriteTransaction(tx -> {
            List<Map<String, Object>> found = tx.run(CypherScripts.query("queries/entities-exist"), Map.of("ids", ids));
            for (int i = 0; i < found.size(); i++) {
                if (!flag(List.of(found.get(i)), "found")) {
                    throw new BadRequestException("entities[" + i + "].id", "no KG entity with id `" + ids.get(i) + "`");
                }
            }
            boolean created = flag(tx.run(CypherScripts.query("queries/upsert-item"), params(
                    "itemId", itemId, "name", name, "text", text, "contentId", itemId + "/text",
                    "embedding", vector, "encoder", TextEncoder.NAME, "links", links)), "created");
            long coEntity = links.isEmpty() ? 0 : ((Number) tx.run(CypherScripts.query("queries/co-entity-item"),
                    Map.of("itemId", itemId)).stream().findFirst().map(r -> r.get("links")).orElse(0L)).longValue();
            return new Upserted(created, coEntity, vectorFromNeighbours(tx, itemId, vector));
        });
        cache.invalidateAll();
        String detail = (done.created() ? "item added" : "item updated")
                + (vector != null ? "; text encoded (" + vector.length + "-d " + TextEncoder.NAME + ")" : "")
                + (links.isEmpty() ? "" : "; " + links.size() + " KG links, " + done.coEntity() + " co-entity links")
                + (done.modelVector() ? "; vector in the active model version from its KG and text neighbours" : "");
        return new WriteResult(itemId, done.created(), detail);
    }

    /** What one item write did, for its acknowledgement. */
    private record Upserted(boolean created, long coEntity, boolean modelVector) {}

    /** The encoder refuses what it cannot encode (text with no tokens): the client's 400, not a 500. */
    private static float[] encode(String text) {
        try {
            return TextEncoder.encode(text);
        } catch (IllegalArgumentException refused) {
            throw new BadRequestException("text", "`text` cannot be encoded: " + refused.getMessage());
        }
    }

    /**
     * Until the next training, an item added online gets a vector in the active model version: the
     * mean of the raw vectors of its KG neighbours and nearest items by text, stored MIPS-augmented
     * like the trained ones (the extra component makes its norm the version's common item norm), so
     * the version's vector index returns it. Returns whether a vector was written.
     */
    private static boolean vectorFromNeighbours(GraphBackend.WriteTransaction tx, String itemId, float[] textVector) {
        Map<String, Object> params = new HashMap<>();
        params.put("itemId", itemId);
        params.put("textVector", textVector);
        params.put("k", 11L);
        List<Map<String, Object>> rows = tx.run(CypherScripts.query("queries/version-neighbour-vectors"), params);
        if (rows.isEmpty() || ((List<?>) rows.get(0).get("vectors")).isEmpty()) {
            return false;
        }
        List<?> vectors = (List<?>) rows.get(0).get("vectors");
        double[] first = doubles(vectors.get(0));
        int d = first.length - 1;
        double commonNorm2 = 0;
        for (double x : first) {
            commonNorm2 += x * x;
        }
        double[] mean = new double[d];
        for (Object o : vectors) {
            double[] v = doubles(o);
            for (int k = 0; k < d; k++) {
                mean[k] += v[k] / vectors.size();
            }
        }
        float[] out = new float[d + 1];
        double norm2 = 0;
        for (int k = 0; k < d; k++) {
            out[k] = (float) mean[k];
            norm2 += mean[k] * mean[k];
        }
        out[d] = (float) Math.sqrt(Math.max(0, commonNorm2 - norm2));
        String property = (String) rows.get(0).get("property");
        tx.run(CypherScripts.query("queries/set-item-vector"), Map.of("itemId", itemId, "property", property, "vector", out));
        return true;
    }

    private static double[] doubles(Object v) {
        if (v instanceof float[] f) {
            double[] d = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                d[k] = f[k];
            }
            return d;
        }
        if (v instanceof double[] d) {
            return d;
        }
        List<?> list = (List<?>) v;
        double[] d = new double[list.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = ((Number) list.get(k)).doubleValue();
        }
        return d;
    }

    /**
     * Records an interaction in one transaction (the item's existence checked in it); idempotent by
     * event id. Two requests with the same new event at once: the unique constraint lets one
     * through, and the other, run again, finds it stored.
     */
    public WriteResult addInteraction(InteractionInput in) {
        if (in == null) {
            throw new BadRequestException("body", "a JSON body {eventId, userId, itemId, label} is required");
        }
        String eventId = InputRules.id("eventId", in.eventId());
        String userId = InputRules.id("userId", in.userId());
        String itemId = InputRules.id("itemId", in.itemId());
        int label = in.label() == null ? 1 : in.label();
        if (label != 0 && label != 1) {
            throw new BadRequestException("label", "`label` must be 0 or 1, was " + label);
        }
        if (in.rating() != null && !Double.isFinite(in.rating())) {
            throw new BadRequestException("rating", "`rating` must be a finite number");
        }
        long timestamp = in.timestamp() == null ? Instant.now().getEpochSecond() : in.timestamp();
        Map<String, Object> params = params("eventId", eventId, "userId", userId, "itemId", itemId,
                "label", (long) label, "rating", in.rating(), "timestamp", timestamp);
        Function<GraphBackend.WriteTransaction, Map<String, Object>> record = tx -> {
            if (tx.run(CypherScripts.query("queries/item-exists"), Map.of("itemId", itemId)).isEmpty()) {
                throw new NotFoundException("itemId", "no item with id `" + itemId + "`");
            }
            return tx.run(CypherScripts.query("queries/add-interaction"), params).get(0);
        };
        Map<String, Object> row = recordEvent(record);
        boolean created = Boolean.TRUE.equals(row.get("created"));
        cache.invalidateUser(userId);
        if (!created && !(userId.equals(row.get("storedUser")) && itemId.equals(row.get("storedItem")))) {
            throw new BadRequestException("eventId", "event `" + eventId + "` is already stored for user `"
                    + row.get("storedUser") + "` and item `" + row.get("storedItem") + "`");
        }
        return new WriteResult(eventId, created, created ? "interaction recorded" : "already recorded; nothing changed");
    }

    /**
     * Records one user's tags on one item in ONE transaction, idempotent by event id (a
     * {@code (:TagEvent)} node, unique by {@code eventId}): the item must exist (404), the user is
     * created on first use (as by an interaction), each tag string is resolved to a tag (by id, by
     * name, then by its normalised form {@link InputRules#tagId}) or becomes a new tag with that
     * normalised id and the string as its name. The tags join the user's post on the item; each tag
     * new to the post adds one to the item's and the user's counts, so it counts in the next tag
     * recommendation (its cached global list is dropped by the commit itself). The same event again
     * changes nothing; the same event id with another user, item or set of tags is refused (400
     * naming {@code eventId}), as for interactions.
     */
    public TagWriteResult assignTags(TagInput in) {
        if (in == null) {
            throw new BadRequestException("body", "a JSON body {eventId, userId, itemId, tags} is required");
        }
        String eventId = InputRules.id("eventId", in.eventId());
        String userId = InputRules.id("userId", in.userId());
        String itemId = InputRules.id("itemId", in.itemId());
        if (in.tags() == null || in.tags().isEmpty()) {
            throw new BadRequestException("tags", "`tags` must list 1.." + InputRules.MAX_TAGS + " tags");
        }
        if (in.tags().size() > InputRules.MAX_TAGS) {
            throw new BadRequestException("tags", "at most " + InputRules.MAX_TAGS + " tags per request, were "
                    + in.tags().size());
        }
        List<String> requested = new ArrayList<>();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int i = 0; i < in.tags().size(); i++) {
            String tag = InputRules.tag("tags[" + i + "]", in.tags().get(i));
            requested.add(tag);
            keys.add(Map.of("raw", tag, "key", InputRules.tagId(tag)));
        }
        Function<GraphBackend.WriteTransaction, TagWriteResult> record = tx -> {
            List<Map<String, Object>> stored = tx.run(CypherScripts.query("queries/tag-event"), Map.of("eventId", eventId));
            if (!stored.isEmpty()) {
                return repeated(eventId, userId, itemId, requested, stored.get(0));
            }
            if (tx.run(CypherScripts.query("queries/item-exists"), Map.of("itemId", itemId)).isEmpty()) {
                throw new NotFoundException("itemId", "no item with id `" + itemId + "`");
            }
            // resolved tags in request order, each once; a string naming no tag makes one
            Map<String, Map<String, Object>> tags = new LinkedHashMap<>();
            List<String> made = new ArrayList<>();
            List<Map<String, Object>> found = tx.run(CypherScripts.query("queries/resolve-tags"), Map.of("tags", keys));
            for (int i = 0; i < found.size(); i++) {
                Object id = found.get(i).get("tagId");
                String key = (String) keys.get(i).get("key");
                if (id == null && !tags.containsKey(key)) {
                    made.add(key);
                }
                String tagId = id == null ? key : (String) id;
                tags.putIfAbsent(tagId, Map.of("id", tagId, "name", requested.get(i)));
            }
            List<Map<String, Object>> row = tx.run(CypherScripts.query("queries/assign-tags"), Map.of("eventId", eventId,
                    "userId", userId, "itemId", itemId, "requested", requested, "tags", new ArrayList<>(tags.values())));
            List<?> added = (List<?>) row.get(0).get("added");
            int already = tags.size() - added.size();
            String detail = added.size() + " tag" + (added.size() == 1 ? "" : "s") + " added to the post of `" + userId
                    + "` on `" + itemId + "`" + (made.isEmpty() ? "" : " (new: " + String.join(", ", made) + ")")
                    + (already == 0 ? "" : "; " + already + " already in it, counted before");
            return new TagWriteResult(eventId, true, detail, List.copyOf(tags.keySet()));
        };
        TagWriteResult result = recordEvent(record);
        if (result.created()) {
            cache.invalidateAll(); // tags are explanation paths and filters of every user's answers
        }
        return result;
    }

    /**
     * Runs an idempotent event write; when the same event was sent twice at once, the unique
     * constraint on its {@code eventId} lets one through and refuses the other, which is run again
     * and so reads the stored event back.
     */
    private <T> T recordEvent(Function<GraphBackend.WriteTransaction, T> record) {
        try {
            return graph.inWriteTransaction(record);
        } catch (RuntimeException race) {
            if (!String.valueOf(race.getMessage()).contains("eventId")) {
                throw race;
            }
            return graph.inWriteTransaction(record);
        }
    }

    /** The answer to an event id already stored: nothing changed if it is the same assignment, else 400. */
    private static TagWriteResult repeated(String eventId, String userId, String itemId, List<String> requested,
            Map<String, Object> stored) {
        List<?> storedRequested = list(stored.get("requested"));
        if (!userId.equals(stored.get("userId")) || !itemId.equals(stored.get("itemId"))
                || !new HashSet<>(storedRequested).equals(new HashSet<>(requested))) {
            throw new BadRequestException("eventId", "event `" + eventId + "` is already stored for user `"
                    + stored.get("userId") + "`, item `" + stored.get("itemId") + "` and tags " + storedRequested);
        }
        return new TagWriteResult(eventId, false, "already recorded; nothing changed",
                list(stored.get("tags")).stream().map(String::valueOf).toList());
    }

    /** A list property as the embedded store (arrays) or the driver (lists) gives it. */
    private static List<?> list(Object value) {
        if (value instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        return value instanceof List<?> l ? l : List.of();
    }

    private static boolean flag(List<Map<String, Object>> rows, String key) {
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).get(key));
    }

    /** Map.of refuses nulls; optional fields travel as null parameters. */
    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
