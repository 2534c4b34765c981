package org.mmkgrec.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A random secret kept in a file that only its owner can read: the generated password of user
 * {@code neo4j} ({@code <data>/neo4j-password}) and the REST API key ({@code <data>/api-key}).
 * Created once, read back on every later start.
 *
 * <p>The file never exists with wider permissions or with partial content: the secret is written to
 * a temporary file created owner-only ({@code 0600}) in the same directory, forced to disk, and
 * moved into place with {@link StandardCopyOption#ATOMIC_MOVE}. The data directory belongs to one
 * process at a time (Neo4j locks its store), so two processes never race to create the same file.
 */
public final class SecretFile {
    private static final Logger LOG = Logger.getLogger(SecretFile.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Neo4j's own minimum password length ({@code dbms.security.auth_minimum_password_length}). */
    static final int MIN_LENGTH = 8;

    private SecretFile() {}

    /**
     * The secret in {@code file}, created first with {@code randomBytes} bytes of {@link SecureRandom}
     * (written as lowercase hex, so twice as many characters) when the file does not exist.
     *
     * @throws IllegalStateException when the file holds fewer than 8 characters
     * @throws UncheckedIOException when the file cannot be read or created
     */
    public static String readOrCreate(Path file, int randomBytes) {
        if (randomBytes * 2 < MIN_LENGTH) {
            throw new IllegalArgumentException("a secret needs at least " + MIN_LENGTH / 2 + " random bytes, was " + randomBytes);
        }
        try {
            return Files.exists(file) ? read(file) : create(file, randomBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                // an existing file someone made readable to others: close it again, and say so,
                // since the secret may have been read in the meantime
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warning(file + " was readable by others (" + PosixFilePermissions.toString(permissions)
                        + "): restricted to its owner; delete it to generate a new secret");
            }
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(file + " holds fewer than " + MIN_LENGTH
                    + " characters: delete it to generate a new secret");
        }
        return secret;
    }

    private static String create(Path file, int randomBytes) throws IOException {
        byte[] bytes = new byte[randomBytes];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + file.getFileName() + "-";
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, prefix, ".tmp"); // Windows: the directory's ACL applies
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.US_ASCII));
                while (content.hasRemaining()) {
                    out.write(content);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return secret;
    }

    /** Makes the rename durable (POSIX only: a directory cannot be opened for syncing on Windows). */
    private static void syncDirectory(Path dir) {
        if (!posix(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the secret is in place either way; only its survival of a power cut is less certain
            LOG.fine("cannot sync directory " + dir + ": " + e.getMessage());
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
