package org.mmkgrec.loader.source;

/** A knowledge-graph triple with the KG's own relation name (e.g. {@code music.artist.genre}). */
public record Triple(String head, String relation, String tail) {}
