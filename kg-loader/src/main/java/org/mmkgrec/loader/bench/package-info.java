/**
 * The loader benchmark: a generated N-Triples KG ({@code SyntheticKg}) measured three ways in one
 * run ({@code LoaderBenchmark}): Jena's raw parse, our RDF reader, the graph writer into Neo4j.
 */
package org.mmkgrec.loader.bench;
