/**
 * Knowledge graphs in RDF, streamed through Jena RIOT into a sink.
 *
 * <p>{@link org.mmkgrec.loader.rdf.RdfKgReader} turns statements into MMKG records for the
 * transactional loader; {@link org.mmkgrec.loader.rdf.RelationNames} shortens predicates for people;
 * {@code BlankNodeIds} gives blank nodes ids that are the same on every parse of the same file
 * ({@code _:<file hash>:label}), which a resumed load needs to find the entities it wrote;
 * {@link org.mmkgrec.loader.rdf.RdfBulkImport} is the first-load path into an empty store through
 * Neo4j's offline importer (labels kept as written: one file, no resume).
 */
package org.mmkgrec.loader.rdf;
