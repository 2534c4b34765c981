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
    private record Step(Node history, Relationship rel) {}

    private record Found(double weight, List<Relationship> rels, Node history) {}

    private final Node user;
    private final Map<Node, Relationship> history;
    private final int hubDegree;
    /** neighbour -> the history items next to it and the relationship that joins them. */
    private final Map<Node, List<Step>> frontier = new HashMap<>();

    /** @param history each history item with the user's INTERACTED relationship to it */
    public Explainer(Node user, Map<Node, Relationship> history, int hubDegree) {
        this.user = user;
        this.history = history;
        this.hubDegree = hubDegree;
        for (Map.Entry<Node, Relationship> h : history.entrySet()) {
            Node item = h.getKey();
            for (Relationship r : item.getRelationships()) {
                if (Names.walkable(r, item)) {
                    frontier.computeIfAbsent(r.getOtherNode(item), n -> new ArrayList<>()).add(new Step(item, r));
                }
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

    /** The best {@code maxPaths} paths to {@code item}, best first; ties broken by path text. */
    public List<Explanation> explain(Node item, int maxHops, int maxPaths) {
        Comparator<Found> worstFirst = Comparator.comparingDouble(Found::weight);
        PriorityQueue<Found> best = new PriorityQueue<>(worstFirst);
        for (Relationship r0 : item.getRelationships()) {
            if (!Names.walkable(r0, item)) {
                continue;
            }
            Node n1 = r0.getOtherNode(item);
            if (history.containsKey(n1) && !n1.equals(item)) {
                offer(best, maxPaths, new Found(hop(r0), List.of(r0), n1));
            }
            if (maxHops < 2 || history.containsKey(n1)) {
                continue;
            }
            double w1 = hop(r0) * idf(n1);
            for (Step s : frontier.getOrDefault(n1, List.of())) {
                if (!s.history().equals(item)) {
                    offer(best, maxPaths, new Found(w1 * hop(s.rel()), List.of(s.rel(), r0), s.history()));
                }
            }
            if (maxHops < 3 || n1.getDegree() > hubDegree) {
                continue;
            }
            for (Relationship r1 : n1.getRelationships()) {
                Node n2 = r1.getOtherNode(n1);
                if (n2.equals(item) || history.containsKey(n2) || !Names.walkable(r1, n1)) {
                    continue;
                }
                List<Step> steps = frontier.get(n2);
                if (steps == null) {
                    continue;
                }
                double w2 = w1 * hop(r1) * idf(n2);
                for (Step s : steps) {
                    if (!s.history().equals(item) && !s.history().equals(n1)) {
                        offer(best, maxPaths, new Found(w2 * hop(s.rel()), List.of(s.rel(), r1, r0), s.history()));
                    }
                }
            }
        }
        List<Found> found = new ArrayList<>(best);
        List<Explanation> out = new ArrayList<>(found.size());
        for (Found f : found) {
            out.add(new Explanation(f.weight(), toPath(f)));
        }
        out.sort(Comparator.comparingDouble(Explanation::weight).reversed().thenComparing(Explanation::text));
        return out;
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
        } else if (best.peek().weight() < f.weight()) {
            best.poll();
            best.add(f);
        }
    }

    static double idf(Node n) {
        return 1.0 / Math.log(2.0 + n.getDegree());
    }

    /** 1 for a KG or tag hop; shared / (shared + 1) for a co-entity hop. */
    static double hop(Relationship r) {
        if (r.isType(Names.CO_ENTITY)) {
            double shared = r.getProperty("shared", 1L) instanceof Number n ? n.doubleValue() : 1.0;
            return shared / (shared + 1.0);
        }
        return 1.0;
    }
}
