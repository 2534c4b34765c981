package org.mmkgrec.service.api;

/** A request parameter is invalid: answered with 400 and a body naming the field. */
public final class BadRequestException extends RuntimeException {
    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Parses a query parameter ourselves so a malformed number gets our 400, not a framework 404. */
    public static int intInRange(String field, String raw, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "`" + field + "` must be an integer in " + min + ".." + max
                    + ", was `" + raw + "`");
        }
        if (value < min || value > max) {
            throw new BadRequestException(field, "`" + field + "` must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** A boolean query parameter: {@code true} or {@code false} (any case), else 400 naming it. */
    public static boolean bool(String field, String raw) {
        String value = raw.strip();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadRequestException(field, "`" + field + "` must be true or false, was `" + raw + "`");
    }
}
