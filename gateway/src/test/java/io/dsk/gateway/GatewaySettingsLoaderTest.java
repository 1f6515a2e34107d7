package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionType;
import io.dsk.gateway.ops.LogFormat;
import io.dsk.gateway.tls.TlsSettings;
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

        assertThat(settings).hasToString(GatewaySettings.defaults().toString());
        assertThat(settings.port()).isEqualTo(4437);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.maxForkDepth()).isEqualTo(64);
        assertThat(settings.ioThreads()).isEqualTo(GatewaySettings.DEFAULT_IO_THREADS);
        assertThat(settings.workerThreads()).isEqualTo(GatewaySettings.DEFAULT_WORKER_THREADS);
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
            "--max-path-length", "200", "--max-header-bytes", "32KiB", "--cursor-interval-seconds", "7",
            "--historical-cache-control", "no-cache", "--io-threads", "3", "--worker-threads", "9",
            "--max-fork-depth", "5", "--read-response-bytes", "2MiB"}, Map.of());

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
        assertThat(s.maxForkDepth()).isEqualTo(5);
        assertThat(s.readResponseBytes()).isEqualTo(2L << 20);
    }

    @Test
    void logLinesAreTextUnlessJsonIsChosen() {
        assertThat(GatewaySettingsLoader.load(new String[0], Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(GatewaySettingsLoader.load(new String[] {"--log-format", "json"}, Map.of()).logFormat())
                .isEqualTo(LogFormat.JSON);
        assertThat(GatewaySettingsLoader.load(new String[0], Map.of("DSK_LOG_FORMAT", "json")).logFormat())
                .isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownLogFormatNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--log-format", "logfmt"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--log-format: log-format must be text or json, was logfmt");
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
    void theInMemoryBoundIsHalfTheHeapUnlessSetAndOnlyForTheMemoryStore() {
        assertThat(GatewaySettingsLoader.load(new String[] {"--in-memory"}, Map.of()).inMemoryMaxBytes())
                .isEqualTo(Runtime.getRuntime().maxMemory() / 2);
        assertThat(GatewaySettingsLoader.load(new String[] {"--in-memory", "--in-memory-max-bytes", "64MiB"}, Map.of())
                .inMemoryMaxBytes()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[0], Map.of("DSK_IN_MEMORY_MAX_BYTES", "1GiB")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DSK_IN_MEMORY_MAX_BYTES bounds the store of --in-memory, which is not set; the RocksDB "
                        + "store is bounded by its disk");
    }

    @Test
    void malformedDurationNamesTheFlag() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--long-poll-timeout", "30"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--long-poll-timeout: expected a whole number with unit ms, s, m, h or d");
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
                .hasMessage("port in " + file + ":1: port must be 0..65535, was 70000");
    }

    @Test
    void aForkDepthLimitAboveTheCeilingIsRejected() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--max-fork-depth", "1001"}, Map.of()))
                .hasMessage("--max-fork-depth: max-fork-depth must be 0..1000, was 1001");
    }

    @Test
    void zeroDurationIsRejected() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--long-poll-timeout", "0s"}, Map.of()))
                .hasMessage("--long-poll-timeout: long-poll-timeout must be a positive duration, was 0s");
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
    void authRateLimitAndTlsKeysAreKnownOptionsInTheFile() throws Exception {
        Path file = write("auth-jwt-issuer=https://issuer.example\nrate-limit-ip-rps=5\ntls-keystore-type=JKS\n");

        ConfigValues config = GatewaySettingsLoader.configValues(new String[] {"--config", file.toString()}, Map.of());

        GatewaySettingsLoader.settings(config);
        config.rejectUnknown();
        assertThat(config.get(GatewayOptions.RATE_LIMIT_IP_RPS)).isEqualTo(5.0);
    }

    @Test
    void anUnknownFileKeyNamesItsLineAndTheNearestOption() throws Exception {
        Path file = write("# gateway\nport=1\nauth-enabeld=true\n");

        ConfigValues config = GatewaySettingsLoader.configValues(new String[] {"--config", file.toString()}, Map.of());

        assertThatThrownBy(config::rejectUnknown).isInstanceOf(ConfigException.class)
                .hasMessage("unknown option auth-enabeld in " + file + ":3 (did you mean auth-enabled?)");
    }

    @Test
    void anUnknownAuthFlagSuggestsTheNearestOption() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--auth-jwt-isuer", "x"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown option --auth-jwt-isuer (did you mean --auth-jwt-issuer?)");
    }

    @Test
    void booleansFollowOneRuleForEveryOption() {
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new String[] {"--in-memory", "yes"}, Map.of()))
                .hasMessage("--in-memory: expected true or false, got 'yes'");
        ConfigValues auth = GatewaySettingsLoader.configValues(new String[0], Map.of("DSK_AUTH_ENABLED", "yes"));
        assertThatThrownBy(() -> AuthSettings.from(auth))
                .hasMessage("DSK_AUTH_ENABLED: expected true or false, got 'yes'");
        assertThat(GatewaySettingsLoader.load(new String[] {"--in-memory", "FALSE"}, Map.of()).inMemory()).isFalse();
        assertThat(AuthSettings.from(GatewaySettingsLoader.configValues(new String[] {"--auth-token-query"}, Map.of()))
                .tokenQuery()).isTrue();
    }

    @Test
    void authAndRateLimitErrorsNameTheSourceOfTheValue() throws Exception {
        Path file = write("rate-limit-max-buckets=0\n");
        ConfigValues fromFile = GatewaySettingsLoader.configValues(new String[] {"--config", file.toString()}, Map.of());
        ConfigValues fromEnv = GatewaySettingsLoader.configValues(new String[0], Map.of("DSK_AUTH_JWT_CLOCK_SKEW", "1h"));
        ConfigValues fromFlag = GatewaySettingsLoader.configValues(new String[] {"--tls-cert", "c.pem"}, Map.of());

        assertThatThrownBy(() -> RateLimitSettings.from(fromFile))
                .hasMessage("rate-limit-max-buckets in " + file + ":1: rate-limit-max-buckets must be positive, was 0");
        assertThatThrownBy(() -> AuthSettings.from(fromEnv))
                .hasMessage("DSK_AUTH_JWT_CLOCK_SKEW: auth-jwt-clock-skew must be at most 10m, was 1h");
        assertThatThrownBy(() -> TlsSettings.from(fromFlag)).hasMessageStartingWith("--tls-cert: ");
    }

    @Test
    void aSettingsRefusalNamesTheSourceOfTheOptionItStartsWith() {
        ConfigValues config = GatewaySettingsLoader.configValues(new String[0],
                Map.of("DSK_AUTH_ENABLED", "true", "DSK_AUTH_JWT_HMAC_SECRET", "too-short"));

        assertThatThrownBy(() -> AuthSettings.from(config))
                .hasMessageStartingWith("DSK_AUTH_JWT_HMAC_SECRET: auth-jwt-hmac-secret must be at least 32 bytes")
                .hasMessageNotContaining("too-short");
    }

    @Test
    void usageListsEveryOptionByGroupWithItsDefaultAndEnvironmentVariable() {
        String usage = GatewaySettingsLoader.usage().replaceAll("\\s+", " ");

        for (GatewayOption<?> option : GatewayOptions.ALL) {
            assertThat(usage).contains(option.flag());
            if (!option.commandLineOnly()) {
                assertThat(usage).contains("Default: " + option.documentedDefault().replace("`", "")
                        + ". Env: " + option.environmentName());
            }
        }
        assertThat(usage).contains("--port=PORT", "--in-memory[=BOOL]", "--config=FILE", "-h, --help",
                "Authentication (docs/auth.md):", "Rate limits (docs/auth.md):", "TLS with HTTP/2 (docs/auth.md):");
    }

    @Test
    void everyOptionDefaultReadsBackAsTheDefault() {
        for (GatewayOption<?> option : GatewayOptions.ALL) {
            assertDefaultReadsBack(option);
        }
    }

    private static <T> void assertDefaultReadsBack(GatewayOption<T> option) {
        if (option.defaultValue() == null || option.type() == OptionType.SECRET) {
            return;
        }
        String text = option.type().format(option.defaultValue());
        ConfigValues config = GatewaySettingsLoader.configValues(new String[] {option.flag() + "=" + text}, Map.of());
        assertThat(config.get(option)).as(option.name()).isEqualTo(option.defaultValue());
    }

    private Path write(String properties) throws Exception {
        Path file = Files.createTempFile(dir, "gateway", ".properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }
}
