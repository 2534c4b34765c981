/**
 * The graph inside the service: started and stopped with the application, configured by the
 * {@code mmkg.store.*} keys ({@code StoreConfig}). {@code GraphStoreLifecycle} opens the embedded
 * store (with Bolt or Browser on, behind the password it generates into
 * {@code <data-dir>/neo4j-password} unless one is configured) or a Neo4j server over Bolt, and
 * produces the {@code GraphBackend} the rest of the service reads and writes through. Every read
 * runs under Neo4j's transaction timeout ({@code mmkg.store.transaction-timeout}); a read it ends
 * surfaces as {@code GraphTimeoutException}, answered 503.
 */
package org.mmkgrec.service.store;
