package org.mmkgrec.loader.source;

/**
 * The content of one item in one modality: the MKGAT multimodal node.
 *
 * @param modality {@code text}, {@code image}, {@code audio}, ...
 * @param text the raw text (text modality), or null
 * @param vector the feature vector, or null when only raw content is known yet
 */
public record ItemContent(String itemId, String modality, String text, float[] vector) {}
