package org.mmkgrec.service.recommend;

import java.util.List;

/**
 * An item similar to the asked one.
 *
 * @param score  cosine similarity of the text vectors ({@code source = content}), or the normalised
 *               shared-entity score ({@code source = kg}) for items without a vector
 * @param shared the KG entities both items link to, the explanation of the similarity
 */
public record SimilarItem(String itemId, String name, double score, String source, List<SharedEntity> shared) {

    /** A KG entity two items share, with the relation from each item. */
    public record SharedEntity(String type, String id, String name, String relation, String relation2) {}
}
