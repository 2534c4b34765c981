package org.mmkgrec.cypher.rec;

/** A {@code config} value that cannot be used; {@link #field()} is {@code config.<key>}. */
public final class BadConfig extends IllegalArgumentException {
    private final String field;

    public BadConfig(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
