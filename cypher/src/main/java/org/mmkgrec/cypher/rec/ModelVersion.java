package org.mmkgrec.cypher.rec;

import java.util.Optional;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * A trained model version as the embedding module writes it ({@code ModelVersions}): the vectors
 * in node property {@code property} ({@code [u, 0]} for users, MIPS-augmented for items) and a
 * Euclidean vector index {@code index} over the items' vectors.
 */
public record ModelVersion(String id, String model, String property, String index) {
    static final Label LABEL = Label.label("ModelVersion");

    /** {@code active}: the active version if any; otherwise the complete version with that id. */
    static Optional<ModelVersion> find(Transaction tx, String name) {
        Node v;
        if (name.equals("active")) {
            try (ResourceIterator<Node> it = tx.findNodes(LABEL, "active", true)) {
                v = it.hasNext() ? it.next() : null;
            }
        } else {
            v = tx.findNode(LABEL, "id", name);
            if (v != null && !"complete".equals(v.getProperty("status", null))) {
                v = null;
            }
        }
        return Optional.ofNullable(v).map(n -> new ModelVersion((String) n.getProperty("id"),
                (String) n.getProperty("model"), (String) n.getProperty("property"), (String) n.getProperty("index")));
    }

    /** How many candidates to ask the index for, for k answers (ModelVersions.candidates). */
    static long candidates(int k) {
        return Math.max(100, 5L * k);
    }
}
