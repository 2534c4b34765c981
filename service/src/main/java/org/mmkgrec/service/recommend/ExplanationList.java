package org.mmkgrec.service.recommend;

import java.util.List;

/** The explanation paths from a user's history to an item, best first. */
public record ExplanationList(String userId, String itemId, int maxHops, List<Explanation> paths) {}
