package org.mmkgrec.service.recommend;

/**
 * One hop of an explanation path, in reading order (from the user towards the recommended item).
 *
 * @param relation the relationship type; for KG hops the KG's own relation name
 * @param forward true when the stored relationship points from {@code from} to {@code to}
 */
public record Hop(NodeRef from, String relation, boolean forward, NodeRef to) {}
