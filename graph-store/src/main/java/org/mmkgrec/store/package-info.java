/**
 * The embedded Neo4j DBMS: {@code GraphStoreConfig} (validated keys, auth on by default, the
 * loopback-or-auth rule), {@code GraphStore} (start with GDS and {@code mmkg.*} registered, the
 * schema applied and Neo4j's security settings locked down; quick, idempotent close) and
 * {@code SecretFile} (the owner-only, atomically created file a generated password lives in).
 */
package org.mmkgrec.store;
