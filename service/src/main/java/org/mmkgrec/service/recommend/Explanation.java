package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * Why an item is recommended: a path from the user through an item of their history to it, with
 * its weight (the product of 1 / ln(2 + degree) over the path's intermediate nodes, times
 * shared / (shared + 1) per co-entity hop) and a one-line reading of it.
 */
public record Explanation(double weight, String text, List<Hop> hops) {}
