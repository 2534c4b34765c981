package org.mmkgrec.service.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one source of the tag recommender found for a tag.
 *
 * @param source       {@code user}, {@code item}, {@code neighbours}, {@code content} or {@code global}
 * @param count        the raw evidence: how often the user used the tag, how often it was put on the item,
 *                     the sum of neighbour counts x shared KG entities, the sum of nearest-by-text counts x
 *                     cosine (not a whole number), or its uses over all items
 * @param contribution this source's part of the score
 * @param items        neighbours and content only: up to 3 names of the items carrying the tag, strongest first
 * @param text         the evidence as a sentence
 */
public record TagEvidence(String source, Number count, double contribution,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> items, String text) {}
