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

    /**
     * Running out of heap while reading {@code file}, as bad input of a kind: the load stops with one
     * line that names the file and says what to do. The record that was being read is lost with it.
     */
    public static InputException outOfMemory(Path file, long line) {
        return new InputException(file, line, null, "out of memory while reading " + file
                + "; raise -Xmx (e.g. MMKG_JAVA_OPTS=-Xmx12g ./mmkg load ...) or load a smaller input");
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
