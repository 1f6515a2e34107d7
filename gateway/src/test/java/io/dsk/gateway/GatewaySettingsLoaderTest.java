package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noOptionsGiveTheDefaults() {
        GatewaySettings settings = GatewaySettingsLoader.load(new String[0], Map.of());

        for (GatewaySettingsLoader.Option option : GatewaySettingsLoader.OPTIONS) {
            assertThat(option.defaultValue(settings)).as(option.name())
                    .isEqualTo(option.defaultValue(GatewaySettings.defaults()));
        }
        assertThat(settings.port()).isEqualTo(4437);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = write("long-poll-timeout=3s\nsse-close-interval=4s\nshutdown-grace=5s\nport=3\n");
        Map<String, String> env = Map.of("DSK_LONG_POLL_TIMEOUT", "2s", "DSK_SSE_CLOSE_INTERVAL", "20s", "DSK_PORT", "2");

        GatewaySettings settings = GatewaySettingsLoader.load(
                new String[] {"--config", file.toString(), "--long-poll-timeout", "1s", "--port", "1"}, env);

        assertThat(settings.longPollTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.port()).isEqualTo(1);
        assertThat(settings.sseCloseInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.sseKeepAliveInterval()).isEqualTo(GatewaySettings.DEFAULT_SSE_KEEP_ALIVE_INTERVAL);
    }

    @Test
    void theConfigFileMayComeFromTheEnvironment() throws Exception {
        Path file = write("max-append-bytes=1MiB\n");

        GatewaySettings settings = GatewaySettingsLoader.load(new String[0], Map.of("DSK_CONFIG", file.toString()));

        assertThat(settings.maxAppendBytes()).isEqualTo(1L << 20);
    }

    @Test
    void everyOptionIsSetFromItsFlag() {
        GatewaySettings s = GatewaySettingsLoader.load(new String[] {
            "--host", "0.0.0.0", "--port", "0", "--data-dir", "/var/lib/dsk",
            "--long-poll-timeout", "500ms", "--sse-close-interval", "2m", "--sse-keep-alive-interval", "5s",
            "--shutdown-grace", "1h", "--read-chunk-bytes", "64KiB", "--max-append-bytes", "1048576",
            "--max-path-length", "200", "--max-header-bytes", "32KiB", "--max-fork-depth", "5",
            "--cursor-interval-seconds", "7",
            "--historical-cache-control", "no-cache", "--io-threads", "3", "--worker-threads", "9"}, Map.of());

        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isZero();
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/dsk"));
        assertThat(s.inMemory()).isFalse();
        assertThat(s.longPollTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.sseCloseInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.sseKeepAliveInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(s.readChunkBytes()).isEqualTo(65_536);
        assertThat(s.maxAppendBytes()).isEqualTo(1_048_576L);
        assertThat(s.maxPathLength()).isEqualTo(200);
        assertThat(s.maxHeaderBytes()).isEqualTo(32_768);
        assertThat(s.maxForkDepth()).isEqualTo(5);
        assertThat(s.cursorIntervalSeconds()).isEqualTo(7);
        assertThat(s.historicalCacheControl()).isEqualTo("no-cache");
        assertThat(s.ioThreads()).isEqualTo(3);
        assertThat(s.workerThreads()).isEqualTo(9);
    }

    @Test
    void bareInMemoryFlagSelectsTheMemoryStore() {
        assertThat(GatewaySettingsLoader.load(new String[] {"--in-memory"}, Map.of()).inMemory()).isTrue();
        assertThat(GatewaySettingsLoader.load(new String[0], Map.of("DSK_IN_MEMORY", "true")).inMemory()).isTrue();
    }

    @Test
    void dataDirAndInMemoryExcludeEachOther() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--data-dir", "x", "--in-memory"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--data-dir and --in-memory exclude each other: choose one store");
    }

    @Test
    void malformedDurationNamesTheFlag() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--long-poll-timeout", "30"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--long-poll-timeout: expected a whole number with unit ms, s, m or h");
    }

    @Test
    void malformedSizeNamesTheEnvironmentVariable() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[0], Map.of("DSK_MAX_APPEND_BYTES", "16MB")))
                .hasMessageStartingWith("DSK_MAX_APPEND_BYTES: expected a number of bytes");
    }

    @Test
    void outOfRangeValueNamesWhereItCameFrom() throws Exception {
        Path file = write("port=70000\n");

        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--config", file.toString()}, Map.of()))
                .hasMessage("port in " + file + ": port must be 0..65535, was 70000");
    }

    @Test
    void aForkDepthLimitAboveTheCeilingIsRejected() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--max-fork-depth", "1001"}, Map.of()))
                .hasMessage("--max-fork-depth: max-fork-depth must be 0..1000, was 1001");
    }

    @Test
    void zeroDurationIsRejected() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--long-poll-timeout", "0s"}, Map.of()))
                .hasMessage("--long-poll-timeout: long-poll-timeout must be a positive duration, was PT0S");
    }

    @Test
    void sizeAboveIntRangeIsRejectedForIntSettings() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--read-chunk-bytes", "4GiB"}, Map.of()))
                .hasMessage("--read-chunk-bytes: at most 2147483647 bytes, got 4294967296");
    }

    @Test
    void unknownOptionIsRejectedWithAHint() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--max-apend-bytes", "1"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown option --max-apend-bytes (did you mean --max-append-bytes?)");
    }

    @Test
    void aConfigFileCannotNameAnother() throws Exception {
        Path file = write("config=/other\n");

        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--config", file.toString()}, Map.of()))
                .hasMessageContaining("a config file cannot name another");
    }

    @Test
    void otherComponentsReadTheirOwnKeysBeforeUnknownKeysAreRejected() throws Exception {
        Path file = write("auth-issuer=https://issuer.example\n");
        ConfigValues config = GatewaySettingsLoader.configValues(
                new String[] {"--config", file.toString(), "--rate-limit-per-second", "5"}, Map.of());

        GatewaySettingsLoader.settings(config);
        assertThat(config.string("auth-issuer")).contains("https://issuer.example");
        assertThat(config.integer("rate-limit-per-second")).contains(5);
        config.rejectUnknown();
    }

    @Test
    void usageListsEveryOptionWithItsDefault() {
        String usage = GatewaySettingsLoader.usage();

        for (GatewaySettingsLoader.Option option : GatewaySettingsLoader.OPTIONS) {
            assertThat(usage).contains("--" + option.name() + " " + option.valueForm());
            assertThat(usage).contains("Default: " + option.defaultValue(GatewaySettings.defaults()));
        }
        assertThat(usage).contains("--config FILE", "--help");
    }

    @Test
    void everyOptionDefaultReadsBackAsTheDefault() {
        GatewaySettings defaults = GatewaySettings.defaults();
        for (GatewaySettingsLoader.Option option : GatewaySettingsLoader.OPTIONS) {
            String[] args = {"--" + option.name(), option.defaultValue(defaults)};
            GatewaySettings parsed = GatewaySettingsLoader.load(args, Map.of());
            assertThat(option.defaultValue(parsed)).as(option.name()).isEqualTo(option.defaultValue(defaults));
        }
    }

    private Path write(String properties) throws Exception {
        Path file = Files.createTempFile(dir, "gateway", ".properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }
}
