package org.mmkgrec.service.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.loader.text.TextEncoder;
import org.mmkgrec.service.api.BadRequestException;
import org.mmkgrec.service.recommend.NotFoundException;
import org.mmkgrec.service.recommend.RecommendationCache;
import org.mmkgrec.service.store.GraphBackend;

/** Validates and commits the online writes; every query is a {@code cypher/queries} script with parameters. */
@ApplicationScoped
public class OnlineWrites {
    /** KG relation names as the loaders store them (Satori / Freebase dotted names, RDF local names). */
    private static final Pattern RELATION = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,127}");
    private static final int MAX_ID = 256;
    private static final int MAX_TEXT = 10_000;

    private final GraphBackend graph;
    private final RecommendationCache cache;

    @Inject
    public OnlineWrites(GraphBackend graph, RecommendationCache cache) {
        this.graph = graph;
        this.cache = cache;
    }

    public WriteResult upsertUser(String userId, UserInput input) {
        id("userId", userId);
        String name = input == null ? null : input.name();
        boolean created = flag(graph.write(CypherScripts.query("queries/upsert-user"),
                params("userId", userId, "name", name)), "created");
        return new WriteResult(userId, created, created ? "user added" : "user updated");
    }

    public WriteResult upsertItem(String itemId, ItemInput input) {
        id("itemId", itemId);
        if (input == null) {
            throw new BadRequestException("body", "a JSON body {name, text, entities} is required");
        }
        if (input.text() != null && (input.text().isBlank() || input.text().length() > MAX_TEXT)) {
            throw new BadRequestException("text", "`text` must be 1.." + MAX_TEXT + " characters");
        }
        List<Map<String, Object>> links = new ArrayList<>();
        List<ItemInput.EntityLink> entities = input.entities() == null ? List.of() : input.entities();
        for (int i = 0; i < entities.size(); i++) {
            ItemInput.EntityLink link = entities.get(i);
            if (link == null || link.id() == null || link.id().isBlank()) {
                throw new BadRequestException("entities[" + i + "].id", "an entity id is required");
            }
            if (link.relation() == null || !RELATION.matcher(link.relation()).matches()) {
                throw new BadRequestException("entities[" + i + "].relation",
                        "a KG relation name (letters, digits, _ . : -) is required, was `" + link.relation() + "`");
            }
            links.add(Map.of("id", link.id(), "relation", link.relation()));
        }
        List<String> ids = entities.stream().map(ItemInput.EntityLink::id).toList();
        List<Map<String, Object>> found = graph.read(CypherScripts.query("queries/entities-exist"), Map.of("ids", ids));
        for (int i = 0; i < found.size(); i++) {
            if (!flag(List.of(found.get(i)), "found")) {
                throw new BadRequestException("entities[" + i + "].id", "no KG entity with id `" + ids.get(i) + "`");
            }
        }
        float[] vector = input.text() == null ? null : TextEncoder.encode(input.text());
        boolean created = flag(graph.write(CypherScripts.query("queries/upsert-item"), params(
                "itemId", itemId, "name", input.name(), "text", input.text(), "contentId", itemId + "/text",
                "embedding", vector, "encoder", TextEncoder.NAME, "links", links)), "created");
        long coEntity = links.isEmpty() ? 0 : ((Number) graph.write(CypherScripts.query("queries/co-entity-item"),
                Map.of("itemId", itemId)).stream().findFirst().map(r -> r.get("links")).orElse(0L)).longValue();
        boolean modelVector = vectorFromNeighbours(itemId, vector);
        cache.invalidateAll();
        String detail = (created ? "item added" : "item updated")
                + (vector != null ? "; text encoded (" + vector.length + "-d " + TextEncoder.NAME + ")" : "")
                + (links.isEmpty() ? "" : "; " + links.size() + " KG links, " + coEntity + " co-entity links")
                + (modelVector ? "; vector in the active model version from its KG and text neighbours" : "");
        return new WriteResult(itemId, created, detail);
    }

    /**
     * Until the next training, an item added online gets a vector in the active model version: the
     * mean of the raw vectors of its KG neighbours and nearest items by text, stored MIPS-augmented
     * like the trained ones (the extra component makes its norm the version's common item norm), so
     * the version's vector index returns it. Returns whether a vector was written.
     */
    private boolean vectorFromNeighbours(String itemId, float[] textVector) {
        Map<String, Object> params = new HashMap<>();
        params.put("itemId", itemId);
        params.put("textVector", textVector);
        params.put("k", 11L);
        List<Map<String, Object>> rows = graph.read(CypherScripts.query("queries/version-neighbour-vectors"), params);
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
        graph.write("MATCH (i:Item {id: $itemId}) SET i[$property] = $vector",
                Map.of("itemId", itemId, "property", property, "vector", out));
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

    public WriteResult addInteraction(InteractionInput in) {
        if (in == null) {
            throw new BadRequestException("body", "a JSON body {eventId, userId, itemId, label} is required");
        }
        id("eventId", in.eventId());
        id("userId", in.userId());
        id("itemId", in.itemId());
        int label = in.label() == null ? 1 : in.label();
        if (label != 0 && label != 1) {
            throw new BadRequestException("label", "`label` must be 0 or 1, was " + label);
        }
        if (graph.read(CypherScripts.query("queries/item-exists"), Map.of("itemId", in.itemId())).isEmpty()) {
            throw new NotFoundException("itemId", "no item with id `" + in.itemId() + "`");
        }
        long timestamp = in.timestamp() == null ? Instant.now().getEpochSecond() : in.timestamp();
        Map<String, Object> params = params("eventId", in.eventId(), "userId", in.userId(), "itemId", in.itemId(),
                "label", (long) label, "rating", in.rating(), "timestamp", timestamp);
        Map<String, Object> row;
        try {
            row = graph.write(CypherScripts.query("queries/add-interaction"), params).get(0);
        } catch (RuntimeException race) {
            // the same event sent twice at once: the unique constraint let one through; read it back
            if (!String.valueOf(race.getMessage()).contains("eventId")) {
                throw race;
            }
            row = graph.write(CypherScripts.query("queries/add-interaction"), params).get(0);
        }
        boolean created = Boolean.TRUE.equals(row.get("created"));
        cache.invalidateUser(in.userId());
        if (!created && !(in.userId().equals(row.get("storedUser")) && in.itemId().equals(row.get("storedItem")))) {
            throw new BadRequestException("eventId", "event `" + in.eventId() + "` is already stored for user `"
                    + row.get("storedUser") + "` and item `" + row.get("storedItem") + "`");
        }
        return new WriteResult(in.eventId(), created, created ? "interaction recorded" : "already recorded; nothing changed");
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID) {
            throw new BadRequestException(field, "`" + field + "` must be a non-empty string of at most " + MAX_ID
                    + " characters");
        }
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
