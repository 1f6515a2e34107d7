package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs the plugin as a user would, by unzipping the Confluent Hub zip into plugin.path of a worker
 * whose class path holds neither the connector nor the transforms, and writes a record through it.
 */
class PluginPackagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ItEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        Path plugins = Files.createDirectories(Path.of("target", "it", "plugins-" + System.nanoTime()));
        unzip(Path.of(System.getProperty("dsk.connector.zip")), plugins);
        env = ItEnvironment.start("plugin", plugins.toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    @Test
    void theZipHoldsTheSharedStreamPathModuleBesideTheConnectorAndTheTransforms() throws IOException {
        List<String> jars = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("dsk.connector.zip"))))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                jars.add(entry.getName().replaceAll(".*/", ""));
            }
        }
        assertThat(jars).anyMatch(name -> name.startsWith("dsk-stream-path-"))
                .anyMatch(name -> name.startsWith("dsk-transforms-"))
                .anyMatch(name -> name.startsWith("dsk-connector-"));
    }

    @Test
    void theUnzippedPluginProvidesTheConnectorAndTheTransformsAndDelivers() throws Exception {
        JsonNode plugins = JSON.readTree(get("/connector-plugins?connectorsOnly=false"));
        assertThat(plugins.findValuesAsText("class")).contains("io.dsk.connector.DurableStreamsSinkConnector");
        assertThat(plugins.findValuesAsText("class")).anyMatch(name -> name.startsWith("io.dsk.transforms."));
        for (JsonNode plugin : plugins) {
            if (plugin.path("class").asText().equals("io.dsk.connector.DurableStreamsSinkConnector")) {
                assertThat(plugin.path("version").asText()).isEqualTo(System.getProperty("dsk.connector.zip")
                        .replaceAll(".*dsk-connector-(.*)\\.zip$", "$1"));
            }
        }

        env.createTopics(1, "installed");
        Map<String, String> config = env.connectorConfig("installed");
        config.put("ds.stream.template", "installed/${key}");
        env.rest.putConnector("installed", config);
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            producer.send(new ProducerRecord<>("installed", "k".getBytes(StandardCharsets.UTF_8),
                    "{\"ok\":true}".getBytes(StandardCharsets.UTF_8))).get();
        }

        awaitTrue("the record in its stream", Duration.ofSeconds(90), () -> {
            try {
                return env.streams.jsonMessages("installed/k").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(env.streams.jsonMessages("installed/k")).isEqualTo(List.of(JSON.readTree("{\"ok\":true}")));
        assertThat(env.worker.log()).as("the connector came from plugin.path, not the class path")
                .containsPattern("Registered loader: PluginClassLoader\\{pluginLocation=file:\\S*dsk-connector-");
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.worker.restUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

}
