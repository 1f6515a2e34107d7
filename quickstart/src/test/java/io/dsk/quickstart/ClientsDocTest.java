package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/clients.md} true to what the tests run: its browser block is the live orders
 * page's own (which {@code BrowserPagesIT} opens in Chromium, as it runs the doc's Node
 * programs), and the package versions it names are the ones the example and the console pin.
 */
class ClientsDocTest {

    private static final Path ROOT = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static final Path EXAMPLE = ROOT.resolve("examples/live-orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void browserBlockOfTheDocIsTheLiveOrdersPagesOwn() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/clients.md"));
        Matcher html = Pattern.compile("```html\n(.*?)\n```", Pattern.DOTALL).matcher(doc);
        assertThat(html.find()).as("docs/clients.md has an html block").isTrue();
        List<String> block = trimmedLines(html.group(1));
        List<String> page = trimmedLines(Files.readString(EXAMPLE.resolve("index.html")));
        assertThat(String.join("\n", page)).as("examples/live-orders/index.html, lines stripped")
                .contains(String.join("\n", block));
    }

    @Test
    void packageVersionsInTheDocAreTheOnesTheExampleAndTheConsolePin() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/clients.md"));
        JsonNode example = JSON.readTree(EXAMPLE.resolve("package.json").toFile()).path("dependencies");
        JsonNode console = JSON.readTree(ROOT.resolve("gateway/src/main/web/package.json").toFile()).path("dependencies");
        for (String name : List.of("@durable-streams/client", "@durable-streams/state")) {
            String version = example.path(name).asText();
            assertThat(version).as("%s in examples/live-orders/package.json", name).isNotEmpty();
            assertThat(doc).as("docs/clients.md names %s %s", name, version)
                    .contains("| `" + name + "` | " + version + " |");
        }
        assertThat(console.path("@durable-streams/client").asText()).as("the console's client")
                .isEqualTo(example.path("@durable-streams/client").asText());
    }

    private static List<String> trimmedLines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
