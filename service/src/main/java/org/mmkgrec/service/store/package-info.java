/**
 * The graph inside the service: started and stopped with the application, configured by the
 * {@code mmkg.store.*} keys ({@code StoreConfig}). {@code GraphStoreLifecycle} opens the embedded
 * store (with Bolt or Browser on, behind the password it generates into
 * {@code <data-dir>/neo4j-password} unless one is configured) or a Neo4j server over Bolt, and
 * produces the {@code GraphBackend} the rest of the service reads and writes through.
 */
package org.mmkgrec.service.store;
