package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dsk.connector.DurableStreamsSinkConnector;
import io.dsk.gateway.GatewaySettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code docker-compose.yml} against what the build produces, everywhere (no Docker needed):
 * the services exist, the gateway image is built from the jar the build writes, the plugin zip is
 * where the unpacking service looks and lands on Connect's plugin path, and the connector it
 * registers is valid for the real connector.
 */
class ComposeStackTest {

    private static final Path ROOT = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
    }

    @Test
    void declaresThePipelineServices() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(
                "kafka", "schema-registry", "plugin-install", "connect", "dsk-gateway", "register-connector");
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:4.3.1");
        assertThat(services.path("connect").path("image").asText())
                .as("a Confluent image, which carries the AvroConverter").startsWith("confluentinc/cp-kafka-connect:");
    }

    @Test
    void gatewayImageIsBuiltFromTheJarTheBuildWrites() throws IOException {
        JsonNode gateway = services.path("dsk-gateway");
        Path context = ROOT.resolve(gateway.path("build").asText());
        String dockerfile = Files.readString(context.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY target/dsk-gateway.jar ");
        assertThat(context.resolve("target/dsk-gateway.jar")).isRegularFile();
        assertThat(dockerfile).contains("EXPOSE " + GatewaySettings.DEFAULT_PORT);
        assertThat(texts(gateway.path("ports"))).contains(GatewaySettings.DEFAULT_PORT + ":" + GatewaySettings.DEFAULT_PORT);
        String dataDir = dockerfile.replaceAll("(?s).*\"--data-dir\", \"([^\"]+)\".*", "$1");
        assertThat(texts(gateway.path("volumes"))).contains("dsk-data:" + dataDir);
    }

    @Test
    void pluginZipIsUnpackedOntoConnectsPluginPath() throws IOException {
        JsonNode install = services.path("plugin-install");
        String command = texts(install.path("command")).get(2);
        Map<String, String> mounts = mounts(install.path("volumes"));
        String dist = mounts.entrySet().stream().filter(e -> e.getValue().equals("/dist"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(dist).isEqualTo("./connector/target");
        String glob = command.replaceAll(".*/dist/(\\S+\\.zip).*", "$1");
        List<Path> zips = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(ROOT.resolve("connector/target"), glob)) {
            found.forEach(zips::add);
        }
        assertThat(zips).as("plugin zips matching %s", glob).hasSize(1);

        String pluginsMount = mounts(services.path("connect").path("volumes")).get("dsk-plugins");
        assertThat(pluginsMount).isNotNull();
        String pluginPath = services.path("connect").path("environment").path("CONNECT_PLUGIN_PATH").asText();
        assertThat(List.of(pluginPath.split(","))).contains(pluginsMount);
    }

    @Test
    void registeredConnectorIsValidForTheRealConnector() throws IOException {
        JsonNode register = services.path("register-connector");
        String file = mounts(register.path("volumes")).keySet().iterator().next();
        JsonNode config = new ObjectMapper().readTree(ROOT.resolve(file).toFile());
        Map<String, String> props = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        assertThat(props.get("connector.class")).isEqualTo(DurableStreamsSinkConnector.class.getName());
        ConfigDef def = new DurableStreamsSinkConnector().config();
        List<String> errors = new ArrayList<>();
        def.validate(props).forEach(v -> errors.addAll(v.errorMessages()));
        assertThat(errors).isEmpty();
        assertThat(props.get("ds.url")).startsWith("http://dsk-gateway:" + GatewaySettings.DEFAULT_PORT + "/v1/stream");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Compose volume entries {@code source:target[:mode]} as source to target (mode kept on the target). */
    private static Map<String, String> mounts(JsonNode volumes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : texts(volumes)) {
            int colon = v.indexOf(':');
            out.put(v.substring(0, colon), v.substring(colon + 1).replace(":ro", ""));
        }
        return out;
    }
}
