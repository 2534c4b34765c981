package org.mmkgrec.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 over the load options and the bytes of every input file (directories walked in sorted
 * order). Two loads with the same fingerprint write the same graph, which is what makes a re-run
 * resumable and a second run a no-op.
 */
final class InputFingerprint {
    private InputFingerprint() {}

    static String of(List<Path> inputs, String options) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(options.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1 << 16];
        for (Path input : inputs) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(input)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + input, e);
            }
            for (Path f : files) {
                sha.update(input.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }
}
