package org.mmkgrec.embedding.kg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The KG triples of the graph, indexed for training: every relationship between two {@code :Entity}
 * nodes except the derived co-entity links, relation = relationship type (the KG's own names).
 * Entities are ordered by id, relations by name, so the same graph always gives the same indexes.
 */
public final class KgData {
    public final List<String> entities;
    public final List<String> relations;
    /** heads[k], relationsOf[k], tails[k]: the k-th triple. */
    public final int[] heads;
    public final int[] relationsOf;
    public final int[] tails;
    private final Map<String, Integer> entityIndex = new HashMap<>();

    KgData(List<String> entities, List<String> relations, int[] heads, int[] relationsOf, int[] tails) {
        this.entities = entities;
        this.relations = relations;
        this.heads = heads;
        this.relationsOf = relationsOf;
        this.tails = tails;
        for (int i = 0; i < entities.size(); i++) {
            entityIndex.put(entities.get(i), i);
        }
    }

    public static KgData fromGraph(GraphDatabaseService db) {
        return db.executeTransactionally("""
                MATCH (h:Entity)-[r]->(t:Entity) WHERE NOT r:CO_ENTITY
                RETURN h.entityId AS h, type(r) AS r, t.entityId AS t ORDER BY h, r, t""", Map.of(), rows -> {
            List<String[]> triples = new ArrayList<>();
            java.util.TreeSet<String> entities = new java.util.TreeSet<>();
            java.util.TreeSet<String> relations = new java.util.TreeSet<>();
            rows.forEachRemaining(row -> {
                String[] t = {(String) row.get("h"), (String) row.get("r"), (String) row.get("t")};
                triples.add(t);
                entities.add(t[0]);
                entities.add(t[2]);
                relations.add(t[1]);
            });
            return of(new ArrayList<>(entities), new ArrayList<>(relations), triples);
        });
    }

    /** From (head, relation, tail) names; every name must be in the given lists. */
    public static KgData of(List<String> entities, List<String> relations, List<String[]> triples) {
        Map<String, Integer> e = new HashMap<>();
        for (int i = 0; i < entities.size(); i++) {
            e.put(entities.get(i), i);
        }
        Map<String, Integer> r = new HashMap<>();
        for (int i = 0; i < relations.size(); i++) {
            r.put(relations.get(i), i);
        }
        int[] h = new int[triples.size()];
        int[] rel = new int[triples.size()];
        int[] t = new int[triples.size()];
        for (int k = 0; k < triples.size(); k++) {
            h[k] = e.get(triples.get(k)[0]);
            rel[k] = r.get(triples.get(k)[1]);
            t[k] = e.get(triples.get(k)[2]);
        }
        return new KgData(List.copyOf(entities), List.copyOf(relations), h, rel, t);
    }

    public int size() {
        return heads.length;
    }

    /** The index of an entity id, or -1. */
    public int entity(String entityId) {
        return entityIndex.getOrDefault(entityId, -1);
    }
}
