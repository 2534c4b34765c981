package org.mmkgrec.cypher.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Procedure;

/** {@code mmkg.*} procedures about the graph itself. */
public class GraphProcedures {

    @Context
    public Transaction tx;

    /** One row of {@code mmkg.stats()}. */
    public static class CountRow {
        @Description("'label' or 'relationshipType'")
        public final String kind;
        @Description("the label or relationship type")
        public final String name;
        @Description("how many nodes carry the label, or how many relationships have the type")
        public final long count;

        public CountRow(String kind, String name, long count) {
            this.kind = kind;
            this.name = name;
            this.count = count;
        }
    }

    @Procedure(name = "mmkg.stats", mode = Mode.READ)
    @Description("The graph's size: one row per node label and per relationship type present, with its count "
            + "(from Neo4j's count store, so it is instant on any graph size).")
    public Stream<CountRow> stats() {
        List<CountRow> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        tx.getAllLabelsInUse().forEach(l -> labels.add(l.name()));
        labels.sort(null);
        for (String label : labels) {
            add(rows, "label", label, count(tx, "MATCH (n:`" + escape(label) + "`) RETURN count(n) AS c"));
        }
        List<String> types = new ArrayList<>();
        tx.getAllRelationshipTypesInUse().forEach(t -> types.add(t.name()));
        types.sort(null);
        for (String type : types) {
            add(rows, "relationshipType", type, count(tx, "MATCH ()-[r:`" + escape(type) + "`]->() RETURN count(r) AS c"));
        }
        return rows.stream();
    }

    /** Tokens stay "in use" once schema names them; only present ones are reported. */
    private static void add(List<CountRow> rows, String kind, String name, long count) {
        if (count > 0) {
            rows.add(new CountRow(kind, name, count));
        }
    }

    /** Label and type names come from the database's own token store, never from a caller. */
    private static String escape(String token) {
        return token.replace("`", "``");
    }

    private static long count(Transaction tx, String query) {
        return ((Number) tx.execute(query).next().get("c")).longValue();
    }

}
