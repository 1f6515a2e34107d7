package io.dsk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @Test
    void readsSpaceAndEqualsFormsAndBareFlags() {
        Map<String, String> values = ConfigSources.commandLine(
                "--port", "0", "--host=::1", "--in-memory", "--long-poll-timeout", "500ms", "--auth-token-query");

        assertThat(values).containsExactly(
                Map.entry("port", "0"), Map.entry("host", "::1"), Map.entry("in-memory", "true"),
                Map.entry("long-poll-timeout", "500ms"), Map.entry("auth-token-query", "true"));
    }

    @Test
    void aBooleanFlagTakesAnExplicitValue() {
        assertThat(ConfigSources.commandLine("--in-memory", "false", "--port", "1"))
                .containsExactly(Map.entry("in-memory", "false"), Map.entry("port", "1"));
        assertThat(ConfigSources.commandLine("--in-memory=true")).containsEntry("in-memory", "true");
    }

    @Test
    void rejectsAnUnknownFlagWithTheNearestKnownOne() {
        assertThatThrownBy(() -> ConfigSources.commandLine("--port", "1", "--verbose"))
                .isInstanceOf(ConfigException.class).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> ConfigSources.commandLine("--tls-keystor=ks.p12"))
                .hasMessage("unknown option --tls-keystor (did you mean --tls-keystore?)");
    }

    @Test
    void aFlagWithoutItsValueSaysSo() {
        assertThatThrownBy(() -> ConfigSources.commandLine("--port"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--port: a value is missing");
    }

    @Test
    void helpIsReadAsTrue() {
        assertThat(ConfigSources.commandLine("--help")).containsEntry("help", "true");
        assertThat(ConfigSources.commandLine("-h")).containsEntry("help", "true");
    }

    @Test
    void theFileNamesTheLineOfEachKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "# comment\n\n  port = 1\nhost:0.0.0.0\n", StandardCharsets.UTF_8);

        ConfigSources.PropertiesFile read = ConfigSources.readPropertiesFile(file);

        assertThat(read.lines()).containsOnly(Map.entry("port", 3), Map.entry("host", 4));
        assertThat(ConfigValues.of(Map.of(), Map.of(), read).describe("host")).isEqualTo("host in " + file + ":4");
    }

    @Test
    void aValueMayStartWithASingleDash() {
        assertThat(ConfigSources.commandLine("--port", "-1")).containsEntry("port", "-1");
    }

    @Test
    void rejectsAPositionalArgument() {
        assertThatThrownBy(() -> ConfigSources.commandLine("serve"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unexpected argument 'serve'");
    }

    @Test
    void rejectsAFlagGivenTwice() {
        assertThatThrownBy(() -> ConfigSources.commandLine("--port", "1", "--port=2"))
                .hasMessage("--port is given twice; give it once");
    }

    @Test
    void readsAPropertiesFileAndTrimsValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "# comment\nlong-poll-timeout = 2s \nhost=0.0.0.0\n", StandardCharsets.UTF_8);

        assertThat(ConfigSources.propertiesFile(file))
                .containsOnly(Map.entry("long-poll-timeout", "2s"), Map.entry("host", "0.0.0.0"));
    }

    @Test
    void aMissingFileNamesTheConfigOption(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigSources.propertiesFile(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--config: cannot read " + missing);
    }
}
