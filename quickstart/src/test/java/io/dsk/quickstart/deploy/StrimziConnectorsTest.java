package io.dsk.quickstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code deploy/strimzi/connectors/} equal to what {@link StrimziConnectors} generates from
 * {@code config-examples/}, and specifies how the generator carries an example over.
 * {@code -Ddsk.regenerate=true} rewrites the checked-in directory instead of comparing.
 */
class StrimziConnectorsTest {

    private static final Path ROOT = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static final Path EXAMPLES = ROOT.resolve("config-examples");
    private static final Path CHECKED_IN = ROOT.resolve("deploy/strimzi/connectors");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path temp;

    @Test
    void checkedInConnectorsAreTheOnesGeneratedFromTheExamples() throws IOException {
        if (Boolean.getBoolean("dsk.regenerate")) {
            new StrimziConnectors().write(EXAMPLES, CHECKED_IN);
        }
        Path fresh = temp.resolve("connectors");

        new StrimziConnectors().write(EXAMPLES, fresh);

        assertThat(files(CHECKED_IN))
                .as("deploy/strimzi/connectors/ differs from config-examples/; regenerate it: %s",
                        StrimziConnectors.REGENERATE)
                .isEqualTo(files(fresh));
    }

    @Test
    void everyExampleBecomesOneConnectorWithItsConfiguration() throws IOException {
        Map<String, String> generated = new StrimziConnectors().render(EXAMPLES);

        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(generated.size() - 1);
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            if (file.getKey().equals("kustomization.yaml")) {
                assertThat(file.getValue()).contains("- " + generated.keySet().iterator().next());
                continue;
            }
            String name = file.getKey().replace(".yaml", "");
            JsonNode example = JSON.readTree(EXAMPLES.resolve(name).resolve("connector.json").toFile());
            JsonNode resource = YAML.readTree(file.getValue());

            assertThat(resource.path("kind").asText()).isEqualTo("KafkaConnector");
            assertThat(resource.path("metadata").path("name").asText()).isEqualTo(name);
            JsonNode spec = resource.path("spec");
            assertThat(spec.path("class").asText()).isEqualTo(example.path("config").path("connector.class").asText());
            assertThat(spec.path("tasksMax").isInt()).isTrue();
            assertThat(spec.path("tasksMax").asText()).isEqualTo(example.path("config").path("tasks.max").asText());
            Map<String, String> expected = texts(example.path("config"));
            expected.remove("connector.class");
            expected.remove("tasks.max");
            expected.replaceAll((key, value) -> value.replace(
                    "${file:" + StrimziConnectors.SECRETS_FILE + ":connector.token}", "${env:DSK_CONNECTOR_TOKEN}"));
            assertThat(texts(spec.path("config"))).as(name).isEqualTo(expected);
            assertThat(spec.path("config").toString()).doesNotContain("${file:");
        }
    }

    @Test
    void aSecretFromTheWorkersSecretsFileComesFromTheirEnvironment() throws IOException {
        Path examples = example("{\"ds.url\": \"http://dsk-gateway:4437/v1/stream\","
                + " \"ds.token\": \"${file:/etc/dsk/secrets.properties:jobs-connector.token}\","
                + " \"ds.stream.template\": \"jobs/${key}\"}");

        JsonNode config = YAML.readTree(new StrimziConnectors().render(examples).get("jobs.yaml")).path("spec").path("config");

        assertThat(config.path("ds.token").asText()).isEqualTo("${env:DSK_JOBS_CONNECTOR_TOKEN}");
        assertThat(config.path("ds.stream.template").asText()).as("record placeholders stay").isEqualTo("jobs/${key}");
    }

    @Test
    void aLiteralTokenIsRefused() throws IOException {
        Path examples = example("{\"ds.token\": \"eyJhbGciOiJIUzI1NiJ9.e30.x\"}");

        assertThatThrownBy(() -> new StrimziConnectors().render(examples))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ds.token holds a literal secret")
                .hasMessageNotContaining("eyJ");
    }

    @Test
    void aSecretFromAnotherFileIsRefused() throws IOException {
        Path examples = example("{\"ds.token\": \"${file:/opt/other.properties:token}\"}");

        assertThatThrownBy(() -> new StrimziConnectors().render(examples))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ds.token reads /opt/other.properties");
    }

    @Test
    void connectorsThatAreNoLongerExamplesAreRemoved() throws IOException {
        Path out = temp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("retired.yaml"), "kind: KafkaConnector\n");

        new StrimziConnectors().write(example("{}"), out);

        assertThat(files(out)).containsOnlyKeys("jobs.yaml", "kustomization.yaml");
    }

    private Path example(String extraConfig) throws IOException {
        Path examples = temp.resolve("examples");
        Files.createDirectories(examples.resolve("jobs"));
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connector.class", "io.dsk.connector.DurableStreamsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", "jobs");
        config.putAll(mapper.readValue(extraConfig, Map.class));
        Files.writeString(examples.resolve("jobs/connector.json"),
                mapper.writeValueAsString(Map.of("name", "jobs", "config", config)), StandardCharsets.UTF_8);
        return examples;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
