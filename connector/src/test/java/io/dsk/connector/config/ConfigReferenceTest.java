package io.dsk.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails when docs/connector.md no longer matches the ConfigDef. To regenerate the reference, run
 * {@code mvn -pl connector -am test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddsk.docs.update=true}.
 */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "connector.md");

    @Test
    void theReferenceDocumentsEveryOptionWithItsDefault() {
        String reference = ConfigReference.markdown();

        DurableStreamsSinkConfig.CONFIG_DEF.names().forEach(name -> assertThat(reference).contains("`" + name + "`"));
        assertThat(reference).contains("### Gateway").contains("`${topic}/${partition}`")
                .contains("ds.stream.topic.<topic>");
    }

    @Test
    void docsConnectorMdIsUpToDate() throws Exception {
        String document = Files.readString(DOC, StandardCharsets.UTF_8);
        String regenerated = ConfigReference.replaceSection(document);
        if (Boolean.getBoolean("dsk.docs.update")) {
            Files.writeString(DOC, regenerated, StandardCharsets.UTF_8);
            document = regenerated;
        }

        assertThat(document).as("docs/connector.md is out of date; regenerate it as this test's Javadoc says")
                .isEqualTo(regenerated);
    }
}
