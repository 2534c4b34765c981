package org.mmkgrec.loader.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Line-by-line reading shared by the text readers: 1-based line numbers, blank lines skipped.
 *
 * <p>Each line is decoded on its own by a strict {@link CharsetDecoder} (malformed or unmappable
 * bytes are reported, never replaced), so a file that is not valid UTF-8 fails with the line and
 * column of the first bad byte instead of a whole-file "not UTF-8" (or, with a lenient decoder,
 * silent U+FFFD characters in ids). Under {@link ErrorPolicy#SKIP} the bad line is counted and
 * skipped. Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as for
 * {@link java.io.BufferedReader#readLine()}. Running out of memory while reading is reported as an
 * {@link InputException} naming the file and line (see {@link InputException#outOfMemory}).
 */
public final class TextLines {

    @FunctionalInterface
    public interface Handler {
        void line(long number, String line);
    }

    private TextLines() {}

    /** Reads UTF-8; a bad line stops the read ({@link InputErrors#stopping()}). */
    public static void read(Path file, Handler handler) {
        read(file, StandardCharsets.UTF_8, InputErrors.stopping(), handler);
    }

    public static void read(Path file, Charset charset, Handler handler) {
        read(file, charset, InputErrors.stopping(), handler);
    }

    public static void read(Path file, InputErrors errors, Handler handler) {
        read(file, StandardCharsets.UTF_8, errors, handler);
    }

    /** Every line, blank ones included, with its number; undecodable lines go to {@code errors}. */
    public static void readAll(Path file, Charset charset, InputErrors errors, Handler handler) {
        try (Reader r = new Reader(file, charset, errors)) {
            for (String line; (line = r.next()) != null; ) {
                handler.line(r.lineNumber(), line);
            }
        }
    }

    public static void read(Path file, Charset charset, InputErrors errors, Handler handler) {
        readAll(file, charset, errors, (n, line) -> {
            if (!line.isBlank()) {
                handler.line(n, line);
            }
        });
    }

    /**
     * Checks that the whole file is text in {@code charset}, for readers that hand the file to a parser
     * which would replace bad bytes silently (Jena RIOT decodes UTF-8 leniently): the first bad byte
     * stops the load, with its line and byte column, whatever the error policy.
     */
    public static void requireText(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        long lineStart = 0; // file offset of the current line's first byte
        long offset = 0; // file offset of in's position 0
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.limit(), in.capacity() - in.limit());
                end = n < 0;
                if (n > 0) {
                    in.limit(in.limit() + n);
                }
                int before = in.position();
                var result = decoder.decode(in, out, end);
                for (int i = before; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                        lineStart = offset + i + 1;
                    }
                }
                if (result.isError()) {
                    long at = offset + in.position();
                    throw new InputException(file, line, null, "not " + charset + " text: byte 0x"
                            + String.format("%02X", in.get(in.position()) & 0xff) + " at byte column " + (at - lineStart + 1));
                }
                out.clear();
                offset += in.position();
                in.compact().flip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A strict line reader: {@link #next()} returns the next decodable line (lines that cannot be
     * decoded are reported to {@code errors} and, under SKIP, passed over) or null at the end.
     */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final InputErrors errors;
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final byte[] chunk = new byte[1 << 16];
        private int chunkPos;
        private int chunkEnd;
        private byte[] buf = new byte[256];
        private long line;
        private boolean pendingCr;

        public Reader(Path file, Charset charset, InputErrors errors) {
            this.file = file;
            this.errors = errors;
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                this.in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        /** The number of the line last returned (1-based). */
        public long lineNumber() {
            return line;
        }

        public String next() {
            try {
                while (true) {
                    int len = readLineBytes();
                    if (len < 0) {
                        return null;
                    }
                    line++;
                    String s = decode(len);
                    if (s != null) {
                        return s;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (OutOfMemoryError e) {
                buf = new byte[0];
                throw InputException.outOfMemory(file, line + 1);
            }
        }

        /** The bytes of the next line into {@link #buf}; its length, or -1 at the end of the file. */
        private int readLineBytes() throws IOException {
            int len = 0;
            int b = read();
            if (pendingCr && b == '\n') {
                b = read();
            }
            pendingCr = false;
            if (b < 0) {
                return -1;
            }
            while (b >= 0 && b != '\n' && b != '\r') {
                if (len == buf.length) {
                    if (len >= Integer.MAX_VALUE - 8) {
                        throw new InputException(file, line + 1, null, "line longer than 2 GiB");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, 2L * len));
                }
                buf[len++] = (byte) b;
                b = read();
            }
            pendingCr = b == '\r';
            return len;
        }

        private int read() throws IOException {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    return -1;
                }
            }
            return chunk[chunkPos++] & 0xff;
        }

        private String decode(int len) {
            decoder.reset();
            try {
                CharBuffer chars = decoder.decode(ByteBuffer.wrap(buf, 0, len));
                return chars.toString();
            } catch (MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
                ByteBuffer at = ByteBuffer.wrap(buf, 0, len);
                int column = firstBadByte(at, len);
                errors.report(file, line, null, "not " + decoder.charset() + " text: byte 0x"
                        + String.format("%02X", buf[column] & 0xff) + " at byte column " + (column + 1));
                return null;
            } catch (CharacterCodingException e) {
                errors.report(file, line, null, "not " + decoder.charset() + " text: " + e);
                return null;
            }
        }

        /** The offset of the first byte the decoder refuses (0 if it cannot be told). */
        private int firstBadByte(ByteBuffer bytes, int len) {
            decoder.reset();
            CharBuffer out = CharBuffer.allocate(Math.max(1, len));
            var result = decoder.decode(bytes, out, true);
            return result.isError() ? Math.min(bytes.position(), Math.max(0, len - 1)) : 0;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }
    }
}
