package org.mmkgrec.embedding.kg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mmkgrec.embedding.data.ContentFeatures;
import org.mmkgrec.embedding.data.InteractionData;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The per-item feature matrices of the multimodal models (BM3, MF with side features, MMGCN), one
 * per modality, rows indexed like the data's items:
 * <ul>
 *   <li>every content modality the graph holds ({@link ContentFeatures}: MiniLM text on both data
 *       sets, image or audio vectors when loaded), under its own name;</li>
 *   <li>{@value #KG}: the KG's structure, as the item entity's TransE vector (trained here on the
 *       graph's triples with the model's seed, {@link TransE.Config#defaults}, scaled to unit length
 *       like the text vectors); zeros for an item outside the KG.</li>
 * </ul>
 * Which modalities a model uses is a spec: {@code all} (every one the graph holds), {@code content}
 * (every content modality, no KG), {@code none} (ID only) or a comma list such as {@code text,kg}; a name the graph does not hold fails with those it
 * does. Content modalities come first (by name), {@value #KG} last.
 *
 * <p>Call it at the start of a model's {@code build}, before any parameter is drawn: it re-seeds the
 * engine's generator with the model's seed after the KG modality is ready.
 */
public final class ItemModalities {
    /** The structural modality's name. */
    public static final String KG = "kg";
    public static final String ALL = "all";
    public static final String NONE = "none";
    /** Every content modality, not the KG (MMGCN's inputs before the KG modality existed). */
    public static final String CONTENT = "content";

    /**
     * The KG modality of the last few (graph, item list, seed) asked for in this process: TransE's fit
     * is deterministic for a seed, so models of one run share it (ML-100K's 91k triples take ~100 s).
     */
    private static final Map<List<Object>, float[][]> STRUCTURAL = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, float[][]> eldest) {
                    return size() > 4;
                }
            });

    private ItemModalities() {}

    /** Checks a spec's syntax (the names are checked against the graph by {@link #load}). */
    public static String checkSpec(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("`modalities` must be all, none or a comma list such as text,kg");
        }
        for (String name : names(spec)) {
            if (!name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("`modalities` names lower-case modalities (all, content, none, text, kg, ...), got `"
                        + name + "` in `" + spec + "`");
            }
        }
        return spec;
    }

    private static List<String> names(String spec) {
        List<String> out = new ArrayList<>();
        for (String s : spec.toLowerCase(Locale.ROOT).split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /**
     * The feature matrices {@code spec} selects, by modality name in the order above.
     *
     * @param seed the seed of the TransE fit behind {@value #KG}
     */
    public static Map<String, float[][]> load(GraphDatabaseService db, InteractionData data, String spec, int seed) {
        List<String> wanted = names(checkSpec(spec));
        Map<String, float[][]> content = ContentFeatures.byModality(db, data);
        List<String> available = new ArrayList<>(content.keySet());
        KgData kg = null;
        if (wanted.contains(ALL) || wanted.contains(KG)) {
            kg = KgData.fromGraph(db);
        }
        boolean hasKg = kg != null && kg.size() > 0;
        if (hasKg) {
            available.add(KG);
        }
        List<String> chosen;
        if (wanted.equals(List.of(ALL))) {
            chosen = available;
        } else if (wanted.equals(List.of(NONE))) {
            chosen = List.of();
        } else if (wanted.equals(List.of(CONTENT))) {
            chosen = new ArrayList<>(content.keySet());
        } else {
            chosen = new ArrayList<>();
            for (String name : wanted) {
                boolean known = content.containsKey(name) || (KG.equals(name) && hasKg);
                if (!known || chosen.contains(name)) {
                    if (kg == null && KgData.fromGraph(db).size() > 0) {
                        available.add(KG);
                    }
                    throw new IllegalArgumentException("modality `" + name + "` " + (known ? "is named twice" : "is not in this graph")
                            + " (`modalities=" + spec + "`); this graph holds: " + available + " (or use all / content / none)");
                }
                chosen.add(name);
            }
            chosen.sort((a, b) -> KG.equals(a) ? 1 : KG.equals(b) ? -1 : a.compareTo(b));
        }
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String name : chosen) {
            if (KG.equals(name)) {
                List<Object> key = List.of(System.identityHashCode(db), data.items, kg.size(), seed);
                float[][] rows = STRUCTURAL.get(key);
                if (rows == null) {
                    long t0 = System.nanoTime();
                    rows = structural(db, data, kg, seed);
                    STRUCTURAL.put(key, rows);
                    System.err.printf(Locale.ROOT, "  kg modality: TransE on %,d triples in %.1f s (kept for this run's other models)%n",
                            kg.size(), (System.nanoTime() - t0) / 1e9);
                }
                // TransE's fit draws from the engine's generator: leave it as the model's fit seeded it,
                // so a model's parameters do not depend on whether the vectors came from the cache
                ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(seed);
                out.put(name, rows);
            } else {
                out.put(name, content.get(name));
            }
        }
        return out;
    }

    /** The TransE vector of each item's entity, at unit length; zeros where the item is not in the KG. */
    static float[][] structural(GraphDatabaseService db, InteractionData data, KgData kg, int seed) {
        TransE transe = new TransE(TransE.Config.defaults(seed));
        transe.fit(kg);
        float[][] entities = transe.entityVectors();
        int d = transe.config().dimension();
        Map<String, String> entityOfItem = db.executeTransactionally(
                "MATCH (i:Item:Entity) RETURN i.id AS id, i.entityId AS e", Map.of(), rows -> {
                    Map<String, String> m = new HashMap<>();
                    rows.forEachRemaining(r -> m.put((String) r.get("id"), (String) r.get("e")));
                    return m;
                });
        float[][] out = new float[data.itemCount()][d];
        for (int i = 0; i < out.length; i++) {
            int e = kg.entity(entityOfItem.getOrDefault(data.items.get(i), ""));
            if (e >= 0) {
                double norm = 0;
                for (float v : entities[e]) {
                    norm += v * v;
                }
                float scale = (float) (1 / Math.max(1e-9, Math.sqrt(norm)));
                for (int k = 0; k < d; k++) {
                    out[i][k] = entities[e][k] * scale;
                }
            }
        }
        return out;
    }
}
