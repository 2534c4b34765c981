package org.mmkgrec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @Test
    void createdOwnerOnlyWithRandomHexAndNoTemporaryFileLeft(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/neo4j-password");
        String secret = SecretFile.readOrCreate(file, 16);
        // 16 random bytes as hex: 32 characters
        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(secret + "\n");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readBackUnchangedOnLaterCalls(@TempDir Path dir) {
        Path file = dir.resolve("api-key");
        String first = SecretFile.readOrCreate(file, 32);
        assertThat(SecretFile.readOrCreate(file, 32)).isEqualTo(first);
        // a second file gets its own secret
        assertThat(SecretFile.readOrCreate(dir.resolve("other"), 32)).isNotEqualTo(first);
    }

    @Test
    void anExistingFileIsUsedAndClosedToOthers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("neo4j-password");
        Files.writeString(file, "chosen-by-hand\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SecretFile.readOrCreate(file, 16)).isEqualTo("chosen-by-hand");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAFileTooShortForNeo4j(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("neo4j-password");
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> SecretFile.readOrCreate(file, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fewer than 8 characters");
    }
}
