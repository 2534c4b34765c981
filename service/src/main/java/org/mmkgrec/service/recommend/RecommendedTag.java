package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * A recommended tag.
 *
 * @param score       sum over the sources of {@code weight * count / the source's total} (cypher/README.md,
 *                    "Tag recommendation")
 * @param posted      whether the user's own post on the item already holds this tag (kept in the answer, so a
 *                    tagging form can show it checked)
 * @param explanation the sources that contributed, in source order: user, item, neighbours, content, global
 */
public record RecommendedTag(String id, String name, double score, boolean posted, List<TagEvidence> explanation) {}
