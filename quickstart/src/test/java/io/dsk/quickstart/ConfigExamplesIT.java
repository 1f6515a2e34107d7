package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.DurableStreamsSinkConnector;
import io.dsk.connector.config.ClosedStreamBehavior;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.GatewaySettingsLoader;
import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.tls.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder of {@code config-examples/}: its connector configuration is valid for the real
 * connector and transforms, the gateway starts with its gateway configuration, and its subscription,
 * if it has one, covers the streams its connector writes and wakes a worker.
 */
class ConfigExamplesIT {

    private static final Path EXAMPLES = Path.of(System.getProperty("dsk.repo.root", "..")).resolve("config-examples");
    /** The examples keep no secret; as the READMEs say, an operator sets a random one in the environment. */
    private static final Map<String, String> SECRET_FROM_ENVIRONMENT = Map.of("DSK_AUTH_JWT_HMAC_SECRET",
            "base64:" + Base64.getEncoder().encodeToString(randomBytes(48)));
    private static GatewayServer reachableGateway;

    @TempDir
    static Path dataDirs;

    @BeforeAll
    static void startAGatewayForReachabilityChecks() throws IOException {
        reachableGateway = GatewayServer.start(GatewaySettings.builder().inMemory(true).port(0).build());
    }

    @AfterAll
    static void stopGateway() {
        if (reachableGateway != null) {
            reachableGateway.close();
        }
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            List<String> names = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).as("one folder per use case").hasSizeGreaterThanOrEqualTo(7);
            return names.stream();
        }
    }

    static Stream<String> subscriptionExamples() throws IOException {
        List<String> names = examples()
                .filter(e -> Files.isRegularFile(EXAMPLES.resolve(e).resolve("subscription.json"))).toList();
        assertThat(names).as("at least one example subscribes a worker").isNotEmpty();
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void connectorConfigurationIsValid(String example) throws IOException {
        JsonNode file = new ObjectMapper().readTree(EXAMPLES.resolve(example).resolve("connector.json").toFile());
        assertThat(file.path("name").asText()).isEqualTo(example);
        Map<String, String> config = new LinkedHashMap<>();
        file.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(config.get("connector.class")).isEqualTo(DurableStreamsSinkConnector.class.getName());
        config.put("name", example);
        config.put("ds.url", reachableGateway.url() + "/v1/stream");

        List<String> errors = new ArrayList<>();
        for (ConfigValue value : new DurableStreamsSinkConnector().validate(config).configValues()) {
            value.errorMessages().forEach(m -> errors.add(value.name() + ": " + m));
        }
        assertThat(errors).as("connector validation of %s", example).isEmpty();

        for (String alias : config.getOrDefault("transforms", "").split(",")) {
            if (!alias.isBlank()) {
                configureTransform(config, alias.trim());
            }
        }
    }

    /**
     * An example whose streams close also gets the late records of its use case (an update after the final
     * one): they must neither stop the task nor go to a dead letter queue it does not have.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void lateRecordsForClosedStreamsNeverStopTheTask(String example) throws IOException {
        JsonNode file = new ObjectMapper().readTree(EXAMPLES.resolve(example).resolve("connector.json").toFile());
        Map<String, String> config = new LinkedHashMap<>();
        file.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("ds.url", "http://127.0.0.1:4437/v1/stream");

        ClosedStreamBehavior behavior = new DurableStreamsSinkConfig(config).closedStreamBehavior();
        assertThat(behavior).as("%s: %s", example, DurableStreamsSinkConfig.CLOSED_STREAM_BEHAVIOR_CONFIG)
                .isNotEqualTo(ClosedStreamBehavior.FAIL);
        if (behavior == ClosedStreamBehavior.DLQ) {
            assertThat(config).as("%s sends late records to the errant record reporter", example)
                    .containsEntry("errors.tolerance", "all").containsKey("errors.deadletterqueue.topic.name");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void gatewayStartsWithItsConfiguration(String example) throws Exception {
        Path dataDir = Files.createDirectories(dataDirs.resolve(example));
        ConfigValues config = GatewaySettingsLoader.configValues(new String[] {
            "--config", EXAMPLES.resolve(example).resolve("gateway.properties").toString(),
            "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString()}, SECRET_FROM_ENVIRONMENT);
        GatewaySettings settings = GatewaySettingsLoader.settings(config);
        AuthSettings auth = AuthSettings.from(config);
        RateLimitSettings limits = RateLimitSettings.from(config);
        assertThat(TlsSettings.from(config).enabled()).isFalse();
        config.rejectUnknown();
        try (GatewayServer server = GatewayServer.start(settings, next -> AuthHandlers.wrap(next, auth, limits), null)) {
            assertThat(server.ready()).isTrue();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static void configureTransform(Map<String, String> config, String alias) {
        String prefix = "transforms." + alias + ".";
        String type = config.get(prefix + "type");
        assertThat(type).as("type of transform %s", alias).isNotNull();
        Map<String, String> props = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(prefix + "type")) {
                props.put(k.substring(prefix.length()), v);
            }
        });
        try {
            Transformation<SinkRecord> transform = (Transformation<SinkRecord>)
                    Class.forName(type).getDeclaredConstructor().newInstance();
            List<String> errors = new ArrayList<>();
            transform.config().validate(props).forEach(v -> errors.addAll(v.errorMessages()));
            assertThat(errors).as("options of transform %s (%s)", alias, type).isEmpty();
            transform.configure(props);
            transform.close();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("transform " + alias + " names a class that cannot be made: " + type, e);
        }
    }

    /**
     * The example's {@code subscription.json}, sent as its README says ({@code PUT
     * /v1/stream/__ds/subscriptions/<folder>}, after creating the wake stream), is accepted; a stream
     * named as the example's connector names its streams (its route template, every placeholder
     * filled in) is linked once data arrives, and a worker's claim gets it as pending work.
     */
    @ParameterizedTest
    @MethodSource("subscriptionExamples")
    void subscriptionCoversTheConnectorsStreamsAndWakesAWorker(String example) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path dir = EXAMPLES.resolve(example);
        JsonNode subscription = json.readTree(dir.resolve("subscription.json").toFile());
        JsonNode connector = json.readTree(dir.resolve("connector.json").toFile()).path("config");
        String streams = reachableGateway.url() + "/v1/stream/";
        String sub = streams + "__ds/subscriptions/" + example;
        if (subscription.hasNonNull("wake_stream")) {
            String wake = streams + subscription.path("wake_stream").asText();
            assertThat(send("PUT", wake, null).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> put = send("PUT", sub, Files.readString(dir.resolve("subscription.json")));
        assertThat(put.statusCode()).as("%s: %s", example, put.body()).isEqualTo(201);

        String template = connector.path("ds.stream.template").asText();
        for (Map.Entry<String, JsonNode> e : connector.properties()) {
            if (e.getKey().startsWith("transforms.") && e.getKey().endsWith(".stream.template")) {
                template = e.getValue().asText();
            }
        }
        String stream = template.replaceAll("\\$\\{[^}]+}", "x1");
        assertThat(send("PUT", streams + stream, null).statusCode()).isEqualTo(201);
        assertThat(send("POST", streams + stream, "{\"event\":\"example\"}").statusCode()).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!send("GET", sub, null).body().contains("\"" + stream + "\"")) {
            assertThat(System.nanoTime()).as("%s: %s linked within 10 s", example, stream).isLessThan(deadline);
            Thread.sleep(20);
        }
        if ("pull-wake".equals(subscription.path("type").asText())) {
            HttpResponse<String> claim = send("POST", sub + "/claim", "{\"worker\":\"worker-1\"}");
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
            assertThat(json.readTree(claim.body()).path("streams").toString())
                    .contains("\"path\":\"" + stream + "\"").contains("\"has_pending\":true");
        }
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.BodyPublisher content = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").method(method, content).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
