package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line itself: usage errors are status 2 and never reach the network. */
class DskCommandLineTest {

    /** Nothing listens here; a test that tried to connect would fail with status 1 instead of 2. */
    private static final DskRun DSK = DskRun.withEnvironment(Map.of(DskCommand.ENV_URL, "http://127.0.0.1:9"));

    @Test
    void helpAndVersionExitZero() {
        DskRun.Result help = DSK.run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: dsk", "ls", "tail", "offsets", "DSK_URL", "Exit status:");
        DskRun.Result version = DSK.run("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("dsk ").doesNotContain("${");
        assertThat(DSK.run("help", "append").out()).contains("--producer-id", "--json-lines");
    }

    @Test
    void noSubcommandOrAnUnknownOneIsAUsageError() {
        assertThat(DSK.run().status()).isEqualTo(2);
        DskRun.Result unknown = DSK.run("lst");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("lst");
    }

    @Test
    void aMissingOrInvalidStreamPathIsAUsageError() {
        assertThat(DSK.run("head").status()).isEqualTo(2);
        DskRun.Result empty = DSK.run("head", "chat//room");
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.stderr()).contains("empty segment");
        DskRun.Result reserved = DSK.run("read", "__DS/streams");
        assertThat(reserved.status()).isEqualTo(2);
        assertThat(reserved.stderr()).contains("reserved");
        assertThat(DSK.run("delete", "a/../b").status()).isEqualTo(2);
    }

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors() {
        assertThat(DSK.run("append", "s", "--seq", "1").stderr()).contains("--epoch and --seq need --producer-id");
        assertThat(DSK.run("append", "s", "--seq", "1").status()).isEqualTo(2);
        assertThat(DSK.run("offsets", "s", "--topic", "t").status()).isEqualTo(2);
        assertThat(DSK.run("create", "s", "--ttl", "1h", "--expires-at", "2030-01-01T00:00:00Z").status())
                .isEqualTo(2);
        assertThat(DSK.run("create", "s", "--expires-at", "tomorrow").stderr()).contains("RFC 3339");
        assertThat(DSK.run("ls", "--limit", "0").status()).isEqualTo(2);
        assertThat(DSK.run("ls", "--page-size", "1001").status()).isEqualTo(2);
        assertThat(DSK.run("--token", "a", "--token-file", "/nonexistent", "ls").status()).isEqualTo(2);
    }

    @Test
    void aBadUrlOrTimeoutIsAUsageErrorNamingWhereItCameFrom() {
        DskRun.Result url = DSK.run("--url", "ftp://example.com", "ls");
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.stderr()).contains("--url must be an http:// or https:// URL");
        DskRun.Result env = DskRun.withEnvironment(Map.of(DskCommand.ENV_URL, "localhost:4437")).run("ls");
        assertThat(env.status()).isEqualTo(2);
        assertThat(env.stderr()).contains("DSK_URL must be an http:// or https:// URL");
        DskRun.Result timeout = DSK.run("--timeout", "soon", "ls");
        assertThat(timeout.status()).isEqualTo(2);
        assertThat(timeout.stderr()).contains("not a duration");
        assertThat(DskRun.withEnvironment(Map.of(DskCommand.ENV_TIMEOUT, "0s")).run("ls").stderr())
                .contains("DSK_TIMEOUT must be more than 0");
    }

    @Test
    void durationsAreWrittenAsTheGatewaysOptionsAreAndABareNumberIsSeconds() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void backoffDoublesFromAQuarterSecondUpToFiveSeconds() {
        assertThat(GatewayClient.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(GatewayClient.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(GatewayClient.backoff(30)).isEqualTo(Duration.ofSeconds(5));
    }
}
