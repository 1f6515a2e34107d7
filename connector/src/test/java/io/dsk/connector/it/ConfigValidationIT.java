package io.dsk.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new user meets first: Connect's REST validation ({@code PUT /connector-plugins/.../config/validate})
 * and {@code POST /connectors} against a real worker with the plugin, a real Kafka and the real gateway.
 */
class ConfigValidationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTOR = "io.dsk.connector.DurableStreamsSinkConnector";
    private static ItEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.start("validation");
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    /** @return the error messages of every key that has any, joined, by key */
    private static Map<String, String> errors(JsonNode validation) {
        Map<String, String> errors = new TreeMap<>();
        for (JsonNode config : validation.path("configs")) {
            JsonNode value = config.path("value");
            if (!value.path("errors").isEmpty()) {
                errors.put(value.path("name").asText(), value.path("errors").toString());
            }
        }
        return errors;
    }

    private static String valueOf(JsonNode validation, String name) {
        for (JsonNode config : validation.path("configs")) {
            if (config.path("value").path("name").asText().equals(name)) {
                return config.path("value").path("value").asText();
            }
        }
        return null;
    }

    private static Map<String, String> config(String name) {
        Map<String, String> config = new HashMap<>(env.connectorConfig("orders"));
        config.put("name", name);
        return config;
    }

    private static Map<String, String> transformsMissingTheirRequiredKeys(String name) {
        Map<String, String> config = config(name);
        config.put("transforms", "route,guard,close");
        config.put("transforms.route.type", "io.dsk.transforms.StreamRoute");
        config.put("transforms.guard.type", "io.dsk.transforms.AudienceGuard");
        config.put("transforms.guard.allowed.pattern", ".*");
        config.put("transforms.close.type", "io.dsk.transforms.CloseStream");
        config.put("transforms.close.predicate", "ending");
        config.put("predicates", "ending");
        config.put("predicates.ending.type", "io.dsk.transforms.StreamEnding");
        return config;
    }

    @Test
    void everyMissingRequiredKeyOfEveryTransformIsAValidationErrorNamingIt() throws Exception {
        Map<String, String> config = transformsMissingTheirRequiredKeys("every-transform");
        config.put("transforms", "route,guard,close,project,state");
        config.put("transforms.project.type", "io.dsk.transforms.Project$Value");
        config.put("transforms.state.type", "io.dsk.transforms.StateChange");
        config.put("transforms.state.debezium.tombstones", "delete");
        config.put("transforms.state.entity.key", "${value.id}");

        HttpResponse<String> answer = env.rest.validateRaw(config);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode validation = JSON.readTree(answer.body());
        assertThat(errors(validation)).containsOnlyKeys("transforms.route.stream.template",
                "transforms.guard.audience.field", "transforms.close.field", "predicates.ending.field",
                "transforms.project.fields", "transforms.state.debezium.tombstones");
        assertThat(errors(validation).get("transforms.close.field")).contains("field");
        assertThat(validation.path("error_count").asInt()).isEqualTo(6);
    }

    @Test
    void creatingAConnectorWithAMissingTransformKeyIsABadRequestNamingTheKeys() throws Exception {
        HttpResponse<String> answer = env.rest.createConnector("missing-keys",
                transformsMissingTheirRequiredKeys("missing-keys"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("stream.template").contains("audience.field").contains("field")
                .doesNotContain("NullPointerException");
    }

    @Test
    void malformedTransformValuesAreValidationErrorsNamingTheKey() throws Exception {
        Map<String, String> config = config("malformed");
        config.put("transforms", "route,guard");
        config.put("transforms.route.type", "io.dsk.transforms.StreamRoute");
        config.put("transforms.route.stream.template", "orders/${value.id");
        config.put("transforms.route.missing.policy", "default");
        config.put("transforms.guard.type", "io.dsk.transforms.AudienceGuard");
        config.put("transforms.guard.audience.field", "tenant");

        JsonNode validation = env.rest.validate(config);

        assertThat(errors(validation)).containsOnlyKeys("transforms.route.stream.template",
                "transforms.route.default.stream", "transforms.guard.audience.field",
                "transforms.guard.allowed.audiences");
    }

    @Test
    void aUrlWithoutTheStreamsPathIsAValidationErrorSuggestingIt() throws Exception {
        Map<String, String> config = config("no-stream-path");
        String streams = config.get("ds.url");
        String origin = streams.substring(0, streams.indexOf("/v1/stream"));
        config.put("ds.url", origin);

        JsonNode validation = env.rest.validate(config);

        assertThat(errors(validation)).containsOnlyKeys("ds.url");
        assertThat(errors(validation).get("ds.url")).contains("does not serve the Durable Streams protocol")
                .contains(origin + "/v1/stream");
        config.put("ds.url", streams);
        JsonNode fixed = env.rest.validate(config);
        assertThat(errors(fixed)).isEmpty();
        assertThat(valueOf(fixed, "ds.url.check")).startsWith("protocol:");
    }

    @Test
    void aMistypedKeyIsReportedWithTheNearestKnownKey() throws Exception {
        Map<String, String> config = config("typo");
        config.put("ds.stream.templat", "orders/${key}");

        JsonNode validation = env.rest.validate(config);

        assertThat(errors(validation)).containsOnlyKeys("ds.stream.templat");
        assertThat(errors(validation).get("ds.stream.templat")).contains("Did you mean ds.stream.template?");
    }

    @Test
    void aConnectorCanBeCreatedBeforeItsServerIsUpAndValidationSaysItIsUnreachable() throws Exception {
        Map<String, String> config = config("early");
        config.put("ds.url", "http://127.0.0.1:1/v1/stream");

        JsonNode validation = env.rest.validate(config);

        assertThat(validation.path("error_count").asInt()).isZero();
        assertThat(valueOf(validation, "ds.url.check")).startsWith("unreachable:")
                .contains("Cannot reach the Durable Streams server at http://127.0.0.1:1/v1/stream")
                .contains("Check ds.url");
        HttpResponse<String> created = env.rest.createConnector("early", config);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        env.rest.deleteConnector("early");
    }
}
