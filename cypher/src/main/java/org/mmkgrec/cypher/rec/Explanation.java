package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;

/**
 * One explanation: a path from the user through an item of their history to the explained item,
 * with its weight (see {@link Explainer} for the score). {@link #toMap()} gives the plain-value form
 * the REST service and Bolt clients read; {@link #path()} the graph form Neo4j Browser draws.
 */
public record Explanation(double weight, Path path) {

    /**
     * "You liked Alpha; Alpha -[music.artist.genre]-> rock <-[music.artist.genre]- Gamma"; a KG entity
     * without a name reads as what it is and its id: "unnamed origin (Entity 5265)".
     */
    public String text() {
        List<Node> nodes = new ArrayList<>();
        path.nodes().forEach(nodes::add);
        List<Relationship> rels = new ArrayList<>();
        path.relationships().forEach(rels::add);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        if (nodes.get(0).hasLabel(Names.USER) && nodes.size() > 1) {
            sb.append("You liked ").append(Names.label(nodes.get(1))).append("; ");
            from = 1;
        }
        sb.append(Names.label(nodes.get(from)));
        for (int i = from; i < rels.size(); i++) {
            Relationship r = rels.get(i);
            boolean forward = r.getStartNode().equals(nodes.get(i));
            sb.append(forward ? " -[" : " <-[").append(r.getType().name()).append(forward ? "]-> " : "]- ")
                    .append(Names.label(nodes.get(i + 1), r));
        }
        return sb.toString();
    }

    /**
     * {weight, text, hops: [{from, relation, forward, to}]} with {type, id, name, kind} nodes ({@code
     * kind}: what an unnamed KG entity is, as the hop's relation says; else null).
     */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> hops = new ArrayList<>();
        Node at = path.startNode();
        for (Relationship r : path.relationships()) {
            Node next = r.getOtherNode(at);
            Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("from", Names.ref(at, r));
            hop.put("relation", r.getType().name());
            hop.put("forward", r.getStartNode().equals(at));
            hop.put("to", Names.ref(next, r));
            hops.add(hop);
            at = next;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight", weight);
        m.put("text", text());
        m.put("hops", hops);
        return m;
    }
}
