package org.mmkgrec.service.recommend;

/** A path parameter names a user or item that the graph does not hold: answered with 404. */
public final class NotFoundException extends RuntimeException {
    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
