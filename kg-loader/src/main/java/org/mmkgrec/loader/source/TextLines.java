package org.mmkgrec.loader.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Line-by-line reading shared by the text readers: 1-based line numbers, blank lines skipped. */
public final class TextLines {

    @FunctionalInterface
    public interface Handler {
        void line(long number, String line);
    }

    private TextLines() {}

    public static void read(Path file, Handler handler) {
        read(file, StandardCharsets.UTF_8, handler);
    }

    public static void read(Path file, Charset charset, Handler handler) {
        try (BufferedReader r = Files.newBufferedReader(file, charset)) {
            long n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (!line.isBlank()) {
                    handler.line(n, line);
                }
            }
        } catch (MalformedInputException e) {
            throw new InputException(file, 0, null, "not " + charset + " text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
