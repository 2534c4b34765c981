package org.mmkgrec.loader.source;

/** What a reader does with a bad record: stop at the first one, or skip it and count. */
public enum ErrorPolicy {
    STOP, SKIP
}
