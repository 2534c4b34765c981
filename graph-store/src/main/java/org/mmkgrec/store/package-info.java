/**
 * The embedded Neo4j DBMS: {@code GraphStoreConfig} (validated keys, the loopback-or-auth rule) and
 * {@code GraphStore} (start with GDS and {@code mmkg.*} registered and the schema applied; quick, idempotent close).
 */
package org.mmkgrec.store;
