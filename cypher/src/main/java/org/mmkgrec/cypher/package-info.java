/**
 * Cypher as resources: {@link org.mmkgrec.cypher.CypherScripts} loads every {@code .cypher} file of
 * {@code /cypher/} (the re-runnable schema, the named queries); the jar also carries the {@code mmkg.*}
 * procedures, so it installs into a Neo4j server's plugins folder.
 */
package org.mmkgrec.cypher;
