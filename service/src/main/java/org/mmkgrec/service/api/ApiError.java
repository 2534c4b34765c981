package org.mmkgrec.service.api;

/**
 * The JSON body of every error answer: the HTTP status, a short error code, the field at fault
 * (a parameter, a JSON path such as {@code entities[0].id}, a header; null when none is) and a
 * message. Field and message may quote what the client sent, so they are made safe to write: lone
 * UTF-16 surrogates (which no JSON encoder can write as UTF-8) become U+FFFD, control characters
 * other than line breaks become U+FFFD, and a message is cut at {@value #MAX_MESSAGE} characters.
 */
public record ApiError(int status, String error, String field, String message) {
    static final int MAX_MESSAGE = 1_000;

    public ApiError {
        field = printable(field, 200);
        message = printable(message, MAX_MESSAGE);
    }

    private static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 3);
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && c != '\n')) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return i < s.length() ? out.append("...").toString() : out.toString();
    }
}
