package org.mmkgrec.service.recommend;

/**
 * A node on an explanation path: its main label, its id, a display name, and for a KG entity without
 * a name what kind of node it is, as the hop's relation says (e.g. {@code origin}); else null.
 */
public record NodeRef(String type, String id, String name, String kind) {}
