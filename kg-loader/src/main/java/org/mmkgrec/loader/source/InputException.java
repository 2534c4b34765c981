package org.mmkgrec.loader.source;

import java.nio.file.Path;

/** Bad input, located: the message always names the file, the line (1-based) and the field. */
public final class InputException extends RuntimeException {
    private final Path file;
    private final long line;
    private final String field;

    public InputException(Path file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field `").append(field).append("`: ");
        }
        return sb.append(problem).toString();
    }

    public Path file() { return file; }

    public long line() { return line; }

    public String field() { return field; }
}
