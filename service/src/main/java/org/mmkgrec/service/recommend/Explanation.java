package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * Why an item is recommended: a path from the user's history to it, with the weight it adds to the
 * item's score and a one-line reading of it.
 */
public record Explanation(double weight, String text, List<Hop> hops) {}
