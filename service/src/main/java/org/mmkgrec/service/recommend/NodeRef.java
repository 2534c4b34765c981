package org.mmkgrec.service.recommend;

/** A node on an explanation path: its main label, its id and a display name. */
public record NodeRef(String type, String id, String name) {}
