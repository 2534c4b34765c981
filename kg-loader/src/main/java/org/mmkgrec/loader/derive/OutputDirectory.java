package org.mmkgrec.loader.derive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The output directory of a derived or generated data set: new or empty, or emptied on request;
 * and the SHA-256 that its {@code DERIVED.md} / {@code GENERATED.md} records for each file.
 */
final class OutputDirectory {
    private OutputDirectory() {}

    /**
     * Creates {@code out}, or accepts it empty; a non-empty one is refused unless {@code force}, which
     * deletes its contents (never following a symbolic link, so what a link points to is safe).
     */
    static void prepare(Path out, boolean force) {
        try {
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("the output " + out + " exists and is not a directory");
            }
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(out)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty) {
                    if (!force) {
                        throw new IllegalArgumentException("the output directory " + out
                                + " is not empty: choose another, or pass --force to replace its contents");
                    }
                    clear(out);
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output directory " + out, e);
        }
    }

    /** Deletes what is inside {@code dir}, never following a symbolic link. */
    private static void clear(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(Path file) {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return hex(md);
    }
}
