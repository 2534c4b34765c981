package org.mmkgrec.cypher.procedures;

import java.util.List;

/**
 * Our procedure and function classes. A Neo4j server finds them in the plugin jar by itself; an
 * embedded DBMS does not scan the class path, so graph-store registers exactly these.
 */
public final class MmkgProcedures {
    public static final List<Class<?>> PROCEDURES = List.of(GraphProcedures.class, RecommendProcedures.class,
            TagProcedures.class);
    public static final List<Class<?>> FUNCTIONS = List.of();

    private MmkgProcedures() {}
}
