package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.neo4j.graphalgo.impl.util.PathImpl;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;

/**
 * Explanation paths from a user's history to an item: {@code (user)-[:INTERACTED]->(h) ... (item)}
 * with 1 to {@code maxHops} hops between the history item {@code h} and the item, over KG
 * relationships, co-entity links and tags.
 *
 * <p>Score of a path (higher explains better), documented in cypher/README.md:
 * the product over its intermediate nodes {@code n} of {@code 1 / ln(2 + degree(n))} (an IDF: sharing
 * a niche genre says more than sharing a country with thousands of items), times
 * {@code shared / (shared + 1)} for each co-entity hop (a link that summarises {@code shared}
 * common entities). A direct KG link between two items weighs 1.
 *
 * <p>Search: meet in the middle. The 1-hop neighbourhood of every history item is indexed once per
 * user; for each explained item the search walks at most {@code maxHops - 1} hops back from it and
 * looks the frontier up in that index, never expanding through a node of more than
 * {@code hubDegree} relationships (hubs are expanded from the history side only).
 */
public final class Explainer {
    private record Step(Node history, Relationship rel, double weight) {}

    /** {@code unnamed}: intermediate nodes without a name (anonymous KG ids), which rank a path lower. */
    private record Found(int unnamed, double weight, List<Relationship> rels, Node history) {}

    /** Worst first: more unnamed intermediate nodes, then lower weight. */
    private static final Comparator<Found> WORST_FIRST =
            Comparator.comparingInt(Found::unnamed).reversed().thenComparingDouble(Found::weight);

    private final Node user;
    private final Map<Node, Relationship> history;
    private final int hubDegree;
    /** neighbour -> the history items next to it and the relationship that joins them. */
    private final Map<Node, List<Step>> frontier = new HashMap<>();
    private final Map<Node, Integer> degrees = new HashMap<>();
    private final Map<Node, Boolean> named = new HashMap<>();

    /** @param history each history item with the user's INTERACTED relationship to it */
    public Explainer(Node user, Map<Node, Relationship> history, int hubDegree) {
        this.user = user;
        this.history = history;
        this.hubDegree = hubDegree;
        for (Map.Entry<Node, Relationship> h : history.entrySet()) {
            Node item = h.getKey();
            for (Relationship r : Names.structural(item)) {
                frontier.computeIfAbsent(r.getOtherNode(item), n -> new ArrayList<>()).add(new Step(item, r, hop(r)));
            }
        }
    }

    /** The user's liked items (under {@code config}) with the interactions that join them to the user. */
    public static Map<Node, Relationship> likedItems(Node user, RecConfig config) {
        Map<Node, Relationship> liked = new LinkedHashMap<>();
        for (Relationship r : user.getRelationships(org.neo4j.graphdb.Direction.OUTGOING, Names.INTERACTED)) {
            if (Names.liked(r, config)) {
                liked.putIfAbsent(r.getEndNode(), r);
            }
        }
        return liked;
    }

    /**
     * The best {@code maxPaths} paths to {@code item}, best first: paths whose intermediate nodes all
     * have names (tags, named entities, items) before paths through anonymous KG ids, then by weight;
     * ties broken by the path's relationship ids.
     */
    public List<Explanation> explain(Node item, int maxHops, int maxPaths) {
        PriorityQueue<Found> best = new PriorityQueue<>(WORST_FIRST);
        for (Relationship r0 : Names.structural(item)) {
            Node n1 = r0.getOtherNode(item);
            if (history.containsKey(n1)) {
                if (!n1.equals(item)) {
                    offer(best, maxPaths, new Found(0, hop(r0), List.of(r0), n1));
                }
                continue;
            }
            if (maxHops < 2) {
                continue;
            }
            List<Step> near = frontier.get(n1);
            double w1 = Double.NaN; // computed only when a path goes through n1
            if (near != null) {
                w1 = hop(r0) * idf(n1);
                int unnamed = unnamed(n1);
                for (Step s : near) {
                    if (!s.history().equals(item)) {
                        offer(best, maxPaths, new Found(unnamed, w1 * s.weight(), List.of(s.rel(), r0), s.history()));
                    }
                }
            }
            if (maxHops < 3 || degree(n1) > hubDegree) {
                continue;
            }
            for (Relationship r1 : Names.structural(n1)) {
                Node n2 = r1.getOtherNode(n1);
                List<Step> steps = frontier.get(n2);
                if (steps == null || n2.equals(item) || history.containsKey(n2)) {
                    continue;
                }
                if (Double.isNaN(w1)) {
                    w1 = hop(r0) * idf(n1);
                }
                double w2 = w1 * hop(r1) * idf(n2);
                int unnamed = unnamed(n1) + unnamed(n2);
                for (Step s : steps) {
                    if (!s.history().equals(item) && !s.history().equals(n1)) {
                        offer(best, maxPaths, new Found(unnamed, w2 * s.weight(), List.of(s.rel(), r1, r0), s.history()));
                    }
                }
            }
        }
        List<Found> found = new ArrayList<>(best);
        // best first; equal ranks in a fixed order (by the path's relationship ids), never by chance
        found.sort(WORST_FIRST.reversed().thenComparing(Explainer::key));
        List<Explanation> out = new ArrayList<>(found.size());
        for (Found f : found) {
            out.add(new Explanation(f.weight(), toPath(f)));
        }
        return out;
    }

    private static String key(Found f) {
        StringBuilder sb = new StringBuilder();
        f.rels().forEach(r -> sb.append(r.getElementId()).append(','));
        return sb.toString();
    }

    /** 1 when the node has no name (an anonymous KG id), else 0; read once per node and request. */
    private int unnamed(Node n) {
        return named.computeIfAbsent(n, x -> x.hasProperty("name")) ? 0 : 1;
    }

    private Path toPath(Found f) {
        PathImpl.Builder b = new PathImpl.Builder(user).push(history.get(f.history()));
        for (Relationship r : f.rels()) {
            b = b.push(r);
        }
        return b.build();
    }

    private static void offer(PriorityQueue<Found> best, int max, Found f) {
        if (best.size() < max) {
            best.add(f);
        } else if (WORST_FIRST.compare(best.peek(), f) < 0) {
            best.poll();
            best.add(f);
        }
    }

    /** 1 / ln(2 + degree), the degree as of the last load (or counted), read once per node and request. */
    private double idf(Node n) {
        return 1.0 / Math.log(2.0 + degree(n));
    }

    /** The degree the loader stored on the node, else counted (online nodes, hand-made graphs). */
    private int degree(Node n) {
        return degrees.computeIfAbsent(n, x -> x.getProperty("degree", null) instanceof Number d
                ? d.intValue() : x.getDegree());
    }

    /**
     * 1 for a KG hop; shared / (shared + 1) for a co-entity hop; count / (count + 1) for a tag hop,
     * where count is how many users gave the item that tag (one user's idiosyncratic tag explains
     * less than a tag many listeners agree on).
     */
    static double hop(Relationship r) {
        if (r.isType(Names.CO_ENTITY)) {
            return saturate(r.getProperty("shared", 1L));
        }
        if (r.isType(Names.TAGGED_WITH)) {
            return saturate(r.getProperty("count", 1L));
        }
        return 1.0;
    }

    private static double saturate(Object value) {
        double x = value instanceof Number n ? n.doubleValue() : 1.0;
        return x / (x + 1.0);
    }
}
