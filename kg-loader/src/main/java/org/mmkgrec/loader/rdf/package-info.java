/**
 * Knowledge graphs in RDF, streamed through Jena RIOT into a sink.
 */
package org.mmkgrec.loader.rdf;
