package org.mmkgrec.loader.source;

/** A display name for a KG entity (from rdfs:label, schema:name or foaf:name in RDF). */
public record EntityInfo(String entityId, String name) {}
