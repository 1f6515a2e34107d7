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
                "--port", "0", "--host=::1", "--in-memory", "--long-poll-timeout", "500ms", "--verbose");

        assertThat(values).containsExactly(
                Map.entry("port", "0"), Map.entry("host", "::1"), Map.entry("in-memory", "true"),
                Map.entry("long-poll-timeout", "500ms"), Map.entry("verbose", "true"));
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
