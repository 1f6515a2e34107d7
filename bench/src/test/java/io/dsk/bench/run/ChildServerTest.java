package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildServerTest {

    private static final URI ROOT = URI.create("http://127.0.0.1:4242/v1/stream/");
    private static final Function<String, URI> READY = line -> line.contains("listening") ? ROOT : null;

    @TempDir
    Path dir;

    @Test
    void startWaitsForTheReadyLineAndLogsTheOutput() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (ChildServer server = ChildServer.start("fake", shell("echo starting; echo listening; exec sleep 60"),
                dir, dir.resolve("fake.log"), data, READY)) {
            assertThat(server.name()).isEqualTo("fake");
            assertThat(server.baseUri()).isEqualTo(ROOT);
            assertThat(server.streamRootUrl()).isEqualTo("http://127.0.0.1:4242/v1/stream");
            assertThat(server.isAlive()).isTrue();
            assertThat(server.rssBytes()).isPositive();
            assertThat(Files.readAllLines(dir.resolve("fake.log"))).startsWith("starting", "listening");
        }
    }

    @Test
    void closeStopsTheProcessAndDeletesItsData() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("segment"), "x");
        ChildServer server = ChildServer.start("fake", shell("echo listening; exec sleep 60"), dir,
                dir.resolve("fake.log"), data, READY);

        server.close();

        assertThat(server.isAlive()).isFalse();
        assertThat(data).doesNotExist();
        assertThat(dir.resolve("fake.log")).exists();
    }

    @Test
    void reopenStopsTheServerKeepsItsDataAndStartsTheSameCommandOnIt() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("segment"), "x");
        ChildServer first = ChildServer.start("fake", shell("echo listening; exec sleep 60"), dir,
                dir.resolve("fake.log"), data, READY);

        ChildServer reopened = first.reopen(Duration.ofMinutes(1));

        assertThat(first.isAlive()).isFalse();
        assertThat(reopened.isAlive()).isTrue();
        assertThat(reopened.pid()).isNotEqualTo(first.pid());
        assertThat(data.resolve("segment")).hasContent("x");
        assertThat(dir.resolve("fake.log.reopened")).exists();
        reopened.close();
        assertThat(data).doesNotExist();
    }

    @Test
    void aServerThatExitsBeforeItIsReadyDidNotStart() {
        assertThatThrownBy(() -> ChildServer.start("fake", shell("echo cannot bind"), dir, dir.resolve("fake.log"),
                dir.resolve("data"), READY))
                .isInstanceOf(IOException.class).hasMessageContaining("fake did not start");
    }

    @Test
    void residentMemoryIsTheVmRssLineInBytes() {
        assertThat(ChildServer.residentBytes(List.of("Name:\tjava", "VmRSS:\t   2048 kB", "Threads:\t9")))
                .isEqualTo(2048 * 1024);
        assertThatThrownBy(() -> ChildServer.residentBytes(List.of("Name:\tjava")))
                .hasMessageContaining("VmRSS");
    }

    private static List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }
}
