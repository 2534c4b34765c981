package org.mmkgrec.loader.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.Triple;

/**
 * The item co-entity graph of CRM-MAN: two items are linked when they share more than {@code S_m}
 * knowledge-graph entities. An item's entities are the KG neighbours (either direction) of the
 * entity that stands for it. Counting goes entity by entity over the items around it, so the cost
 * is the sum of squared entity degrees, not the square of the item count.
 */
public final class CoEntityGraph {

    /** One undirected link, stored from the smaller item id to the larger (string order). */
    public record Edge(String itemA, String itemB, int shared) {}

    private CoEntityGraph() {}

    /**
     * @param threshold {@code S_m}: a pair is linked when it shares strictly more entities than this
     * @return edges sorted by (itemA, itemB), deterministic for the same input
     */
    public static List<Edge> build(Collection<Triple> triples, Collection<ItemLink> links, int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("`coEntityThreshold` (S_m) must be >= 0, was " + threshold);
        }
        Map<String, String> itemOfEntity = new HashMap<>();
        for (ItemLink link : links) {
            itemOfEntity.put(link.entityId(), link.itemId());
        }
        // entity -> items whose entity touches it
        Map<String, Set<String>> itemsAround = new HashMap<>();
        for (Triple t : triples) {
            String headItem = itemOfEntity.get(t.head());
            String tailItem = itemOfEntity.get(t.tail());
            if (headItem != null) {
                itemsAround.computeIfAbsent(t.tail(), k -> new LinkedHashSet<>()).add(headItem);
            }
            if (tailItem != null) {
                itemsAround.computeIfAbsent(t.head(), k -> new LinkedHashSet<>()).add(tailItem);
            }
        }
        Map<Pair, int[]> shared = new HashMap<>();
        for (Set<String> items : itemsAround.values()) {
            String[] arr = items.toArray(String[]::new);
            java.util.Arrays.sort(arr);
            for (int a = 0; a < arr.length; a++) {
                for (int b = a + 1; b < arr.length; b++) {
                    shared.computeIfAbsent(new Pair(arr[a], arr[b]), k -> new int[1])[0]++;
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        shared.forEach((pair, count) -> {
            if (count[0] > threshold) {
                edges.add(new Edge(pair.a, pair.b, count[0]));
            }
        });
        edges.sort((x, y) -> {
            int c = x.itemA().compareTo(y.itemA());
            return c != 0 ? c : x.itemB().compareTo(y.itemB());
        });
        return edges;
    }

    private record Pair(String a, String b) {}
}
