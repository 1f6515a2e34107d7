package io.dsk.transforms.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/transforms.md} in step with the ConfigDefs. To regenerate after changing a
 * ConfigDef: {@code mvn -pl transforms test -Dtest=TransformsDocTest -Ddsk.docs.update=true}.
 */
class TransformsDocTest {

    private static final Path DOC = Path.of("..", "docs", "transforms.md");

    @Test
    void generatedSectionsMatchTheConfigDefs() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = withGeneratedBlocks(doc);
        if (Boolean.getBoolean("dsk.docs.update") && !expected.equals(doc)) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }

        for (ConfigDocs.Component component : ConfigDocs.COMPONENTS) {
            assertThat(doc).as("generated section for %s in %s; regenerate with"
                    + " mvn -pl transforms test -Dtest=TransformsDocTest -Ddsk.docs.update=true", component.name(), DOC)
                    .contains(ConfigDocs.block(component));
        }
    }

    private static String withGeneratedBlocks(String doc) {
        String result = doc;
        for (ConfigDocs.Component component : ConfigDocs.COMPONENTS) {
            int begin = result.indexOf(ConfigDocs.begin(component));
            int end = result.indexOf(ConfigDocs.end(component));
            assertThat(begin).as("marker %s in %s", ConfigDocs.begin(component), DOC).isNotNegative();
            assertThat(end).as("marker %s after its begin marker", ConfigDocs.end(component)).isGreaterThan(begin);
            result = result.substring(0, begin) + ConfigDocs.block(component)
                    + result.substring(end + ConfigDocs.end(component).length());
        }
        return result;
    }
}
