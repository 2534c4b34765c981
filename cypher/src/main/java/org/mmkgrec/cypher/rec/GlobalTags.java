package org.mmkgrec.cypher.rec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mmkgrec.cypher.CypherScripts;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

/**
 * The GLOBAL source of the tag recommender: the {@value #TOP} most used tags over all items (sum of
 * their {@code TAGGED_WITH} counts), the same for every request, so it is read once per database and
 * kept until it may have changed.
 *
 * <p>Invalidated rather than expired: a transaction event listener on the database marks the list
 * out of date when a commit creates, deletes or re-counts a {@code TAGGED_WITH} relationship, or
 * renames or deletes a tag. Every writer goes through that listener (the service's online tag
 * assignments, the loader, a Cypher client of a server with the plugin), so the next request after
 * such a commit reads the list anew and nothing is ever served stale; an expiry would have been
 * stale for its whole length. Each invalidation moves a generation counter, and a list read while a
 * commit happened is not kept (it may predate the commit). A transaction that has written and not
 * committed yet reads the list itself, without the cache (its own writes are visible to it only).
 *
 * <p>Cost: one aggregate over every {@code TAGGED_WITH} relationship per invalidating commit (on
 * Last.FM at most 109,750: HetRec's distinct artist-tag pairs, fewer once mapped to the KG's items),
 * against a scan of each commit's changes in the listener, stopped at the first tag change.
 */
final class GlobalTags {
    /** How many of the most used tags the global source offers. */
    static final int TOP = 100;

    /** One tag of the list: its id, name and uses over all items. */
    record Use(String tagId, String name, long uses) {}

    private record Snapshot(long generation, List<Use> tags) {}

    private static final PerDatabase<GlobalTags> CACHES = new PerDatabase<>();

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    private GlobalTags() {}

    /** The cache of {@code db}, created (and its commit listener registered) on first use. */
    static GlobalTags of(GraphDatabaseService db) {
        return CACHES.of(db, d -> new GlobalTags(), c -> c.new Listener());
    }

    /** The most used tags, most used first (ties by tag id), as {@code tx} sees them. */
    List<Use> top(Transaction tx) {
        if (ownWrites(tx)) {
            return read(tx);
        }
        long g = generation.get();
        Snapshot s = current;
        if (s != null && s.generation() == g) {
            return s.tags();
        }
        List<Use> tags = read(tx);
        if (generation.get() == g) {
            current = new Snapshot(g, tags);
        }
        return tags;
    }

    /** Drops the list: the next request reads it anew. */
    void invalidate() {
        generation.incrementAndGet();
        current = null;
    }

    private static List<Use> read(Transaction tx) {
        List<Use> out = new ArrayList<>();
        try (Result rows = tx.execute(CypherScripts.query("queries/tags-global"), Map.of("n", (long) TOP))) {
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                out.add(new Use((String) row.get("tagId"), (String) row.get("name"), ((Number) row.get("uses")).longValue()));
            }
        }
        return List.copyOf(out);
    }

    private static boolean ownWrites(Transaction tx) {
        return tx instanceof InternalTransaction itx && itx.kernelTransaction().dataRead().transactionStateHasChanges();
    }

    /** Whether a commit may change the list: tag counts or tag names. */
    private final class Listener implements TransactionEventListener<Boolean> {
        @Override
        public Boolean beforeCommit(TransactionData data, Transaction tx, GraphDatabaseService database) {
            try {
                return changesTags(data);
            } catch (RuntimeException unreadable) {
                return true; // what could not be read may have been a tag count
            }
        }

        private boolean changesTags(TransactionData data) {
            for (Relationship r : data.createdRelationships()) {
                if (r.isType(Names.TAGGED_WITH)) {
                    return true;
                }
            }
            for (Relationship r : data.deletedRelationships()) {
                if (r.isType(Names.TAGGED_WITH)) {
                    return true;
                }
            }
            for (PropertyEntry<Relationship> e : data.assignedRelationshipProperties()) {
                if (e.entity().isType(Names.TAGGED_WITH)) {
                    return true;
                }
            }
            for (PropertyEntry<Relationship> e : data.removedRelationshipProperties()) {
                if (e.entity().isType(Names.TAGGED_WITH)) {
                    return true;
                }
            }
            for (PropertyEntry<Node> e : data.assignedNodeProperties()) {
                if (e.entity().hasLabel(Names.TAG)) {
                    return true;
                }
            }
            for (LabelEntry e : data.removedLabels()) {
                // deleted nodes' labels are listed here too: a deleted tag is seen
                if (e.label().equals(Names.TAG)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void afterCommit(TransactionData data, Boolean changed, GraphDatabaseService database) {
            if (Boolean.TRUE.equals(changed)) {
                invalidate();
            }
        }

        @Override
        public void afterRollback(TransactionData data, Boolean changed, GraphDatabaseService database) {
            // nothing was written
        }
    }
}
