package io.dsk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    private static final Path FILE = Path.of("/etc/dsk/gateway.properties");

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverFile() {
        ConfigValues config = ConfigValues.of(
                Map.of("port", "1"),
                Map.of("DSK_PORT", "2", "DSK_HOST", "env-host"),
                Map.of("port", "3", "host", "file-host", "data-dir", "/from/file"), FILE);

        assertThat(config.integer("port")).contains(1);
        assertThat(config.string("host")).contains("env-host");
        assertThat(config.string("data-dir")).contains("/from/file");
        assertThat(config.string("in-memory")).isEmpty();
    }

    @Test
    void environmentNameIsUpperCaseWithUnderscores() {
        assertThat(ConfigValues.environmentName("long-poll-timeout")).isEqualTo("DSK_LONG_POLL_TIMEOUT");
    }

    @Test
    void describeNamesTheSourceTheValueCameFrom() {
        ConfigValues config = ConfigValues.of(Map.of("a", "1"), Map.of("DSK_B", "2"), Map.of("c", "3"), FILE);

        assertThat(config.describe("a")).isEqualTo("--a");
        assertThat(config.describe("b")).isEqualTo("DSK_B");
        assertThat(config.describe("c")).isEqualTo("c in " + FILE);
    }

    @Test
    void typedGettersParseEveryForm() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of(
                "n", " 42 ", "big", "9000000000", "flag", "TRUE", "wait", "2m", "size", "64KiB",
                "items", " a, b ,,c "));

        assertThat(config.integer("n")).contains(42);
        assertThat(config.longValue("big")).contains(9_000_000_000L);
        assertThat(config.bool("flag")).contains(true);
        assertThat(config.duration("wait")).contains(Duration.ofMinutes(2));
        assertThat(config.byteSize("size")).contains(65_536L);
        assertThat(config.list("items")).contains(List.of("a", "b", "c"));
    }

    @Test
    void malformedValueNamesTheEnvironmentVariableAndTheAcceptedForm() {
        ConfigValues config = ConfigValues.of(Map.of(), Map.of("DSK_LONG_POLL_TIMEOUT", "soon"), Map.of(), null);

        assertThatThrownBy(() -> config.duration("long-poll-timeout"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DSK_LONG_POLL_TIMEOUT: expected " + DurationFormat.ACCEPTED + ", got 'soon'");
    }

    @Test
    void malformedBooleanIsRejected() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("in-memory", "maybe"));

        assertThatThrownBy(() -> config.bool("in-memory"))
                .hasMessage("--in-memory: expected true or false, got 'maybe'");
    }

    @Test
    void rejectUnknownNamesTheUnreadKeyWithTheClosestReadOne() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("long-pol-timeout", "1s", "port", "1"));
        config.integer("port");
        config.duration("long-poll-timeout");

        assertThatThrownBy(config::rejectUnknown)
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown option --long-pol-timeout (did you mean --long-poll-timeout?)");
    }

    @Test
    void rejectUnknownSpellsFileKeysWithoutDashes() {
        ConfigValues config = ConfigValues.of(Map.of(), Map.of(), Map.of("prot", "1"), FILE);
        config.string("port");

        assertThatThrownBy(config::rejectUnknown)
                .hasMessage("unknown option prot in " + FILE + " (did you mean port?)");
    }

    @Test
    void rejectUnknownGivesNoHintForAKeyUnlikeAnyOther() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("completely-different", "x"));
        config.string("port");

        assertThatThrownBy(config::rejectUnknown).hasMessage("unknown option --completely-different");
    }

    @Test
    void rejectUnknownAcceptsKeysThatWereReadEvenIfEmpty() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("auth-issuer", "https://issuer"));
        config.string("auth-issuer");

        config.rejectUnknown();
    }

    @Test
    void environmentVariablesAreNeverRejectedButUnreadOnesAreListed() {
        ConfigValues config = ConfigValues.of(Map.of(),
                Map.of("DSK_PORT", "1", "DSK_TYPO", "x", "PATH", "/bin"), Map.of(), null);
        config.integer("port");

        config.rejectUnknown();
        assertThat(config.unreadEnvironmentVariables()).containsExactly("DSK_TYPO");
    }

    @Test
    void anUnreadEnvironmentVariableGetsTheNearestOptionsVariableAsAHint() {
        ConfigValues config = ConfigValues.of(Map.of(), Map.of("DSK_AUTH_ENABELD", "true"), Map.of(), null);

        assertThat(config.unreadEnvironmentVariables()).containsExactly("DSK_AUTH_ENABELD");
        assertThat(config.withHint("DSK_AUTH_ENABELD")).isEqualTo("DSK_AUTH_ENABELD (did you mean DSK_AUTH_ENABLED?)");
    }

    @Test
    void distanceIsTheEditDistance() {
        assertThat(ConfigValues.distance("port", "port")).isZero();
        assertThat(ConfigValues.distance("prot", "port")).isEqualTo(2);
        assertThat(ConfigValues.distance("", "abc")).isEqualTo(3);
    }
}
