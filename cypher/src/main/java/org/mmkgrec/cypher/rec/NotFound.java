package org.mmkgrec.cypher.rec;

/**
 * A user or item id that is not in the graph. The message starts with {@link #PREFIX} so clients
 * of the procedures (the REST service over Bolt) can tell "not found" from "bad argument".
 */
public final class NotFound extends IllegalArgumentException {
    public static final String PREFIX = "mmkg: not found: ";

    private final String field;

    public NotFound(String field, String what) {
        super(PREFIX + field + ": " + what);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static NotFound user(String id) {
        return new NotFound("userId", "no user with id `" + id + "`");
    }

    public static NotFound item(String id) {
        return new NotFound("itemId", "no item with id `" + id + "`");
    }
}
