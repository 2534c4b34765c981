package org.mmkgrec.e2e.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/**
 * A whole small graph in a comparable form: node counts by label, relationship counts by type,
 * and every node and relationship as a sorted line of labels, type and properties (internal ids
 * left out, relationship ends named by their key property). Two stores with equal snapshots hold
 * the same graph.
 *
 * @param labels nodes per label
 * @param types relationships per type
 * @param nodes one line per node, sorted
 * @param relationships one line per relationship, sorted
 */
record StoreSnapshot(Map<String, Long> labels, Map<String, Long> types, List<String> nodes, List<String> relationships) {

    /** Properties whose values differ from run to run by design (wall-clock times). */
    static final Set<String> VOLATILE = Set.of("loadedAt");

    static StoreSnapshot of(GraphDatabaseService db) {
        Map<String, Long> labels = new TreeMap<>();
        Map<String, Long> types = new TreeMap<>();
        List<String> nodes = new ArrayList<>();
        List<String> relationships = new ArrayList<>();
        try (Transaction tx = db.beginTx()) {
            for (Node n : tx.getAllNodes()) {
                for (Label l : n.getLabels()) {
                    labels.merge(l.name(), 1L, Long::sum);
                }
                nodes.add(labelsOf(n) + " " + properties(n));
            }
            for (Relationship r : tx.getAllRelationships()) {
                types.merge(r.getType().name(), 1L, Long::sum);
                relationships.add(key(r.getStartNode()) + " -[" + r.getType().name() + " " + properties(r) + "]-> "
                        + key(r.getEndNode()));
            }
        }
        nodes.sort(null);
        relationships.sort(null);
        return new StoreSnapshot(labels, types, nodes, relationships);
    }

    private static String labelsOf(Node n) {
        return StreamSupport.stream(n.getLabels().spliterator(), false).map(Label::name).sorted()
                .collect(Collectors.joining(":", ":", ""));
    }

    /** A node by its labels and the first key property it has. */
    private static String key(Node n) {
        for (String k : List.of("id", "entityId", "key", "name")) {
            Object v = n.getProperty(k, null);
            if (v != null) {
                return "(" + labelsOf(n) + " " + k + "=" + v + ")";
            }
        }
        return "(" + labelsOf(n) + " " + properties(n) + ")";
    }

    private static String properties(Entity e) {
        Map<String, String> sorted = new TreeMap<>();
        e.getAllProperties().forEach((k, v) -> {
            if (!VOLATILE.contains(k)) {
                sorted.put(k, value(v));
            }
        });
        return sorted.toString();
    }

    private static String value(Object v) {
        if (v instanceof float[] f) {
            return Arrays.toString(f);
        }
        if (v instanceof double[] d) {
            return Arrays.toString(d);
        }
        if (v instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (v instanceof int[] i) {
            return Arrays.toString(i);
        }
        if (v instanceof String[] s) {
            return Arrays.toString(s);
        }
        return String.valueOf(v);
    }
}
