package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aSecondQuickstartOnTheSameDirectoryIsToldOneIsAlreadyRunning() throws Exception {
        try (DataDirectory first = DataDirectory.lock(dir)) {
            assertThatThrownBy(() -> DataDirectory.lock(dir))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already running on " + dir.toAbsolutePath());
        }
        DataDirectory.lock(dir).close();
    }

    @Test
    void theSecretIsGeneratedOnceAndKeptAcrossRestarts() throws Exception {
        byte[] secret;
        try (DataDirectory first = DataDirectory.lock(dir)) {
            secret = first.hmacSecret();
            assertThat(first.hmacSecret()).isEqualTo(secret);
        }
        assertThat(secret).hasSize(DataDirectory.SECRET_BYTES);
        try (DataDirectory second = DataDirectory.lock(dir)) {
            assertThat(second.hmacSecret()).isEqualTo(secret);
        }
    }

    @Test
    void theReadTokenOfAJsonLoggedRunIsKeptForItsOwnerOnlyAndReplacedOnTheNextStart() throws Exception {
        try (DataDirectory data = DataDirectory.lock(dir)) {
            Path file = data.writeReadToken("first.token.sig");
            data.writeReadToken("second.token.sig");

            assertThat(file).isEqualTo(dir.resolve(DataDirectory.READ_TOKEN_FILE));
            assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo("second.token.sig");
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }
    }

    @Test
    void theFirstStartIsStoredOnceSoTheConnectorTokenStaysTheSame() throws Exception {
        Instant first;
        try (DataDirectory data = DataDirectory.lock(dir)) {
            first = data.firstStart();
        }
        try (DataDirectory data = DataDirectory.lock(dir)) {
            assertThat(data.firstStart()).isEqualTo(first);
        }
    }
}
