package org.mmkgrec.loader.source;

/** The part of a data split an interaction belongs to. Only TRAIN, EVAL and ALL ever enter the graph. */
public enum Split {
    TRAIN, EVAL, TEST,
    /** No split chosen: every interaction is training data (production use). */
    ALL;

    public String graphName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
