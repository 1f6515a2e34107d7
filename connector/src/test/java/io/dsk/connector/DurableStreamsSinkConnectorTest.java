package io.dsk.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DurableStreamsSinkConnectorTest {

    private final DurableStreamsSinkConnector connector = new DurableStreamsSinkConnector();

    private static Map<String, List<String>> errors(Config config) {
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void singleFieldErrorsSkipTheCrossFieldAndReachabilityChecks() {
        Map<String, String> props = new HashMap<>();
        props.put("ds.url", "http://unreachable.invalid:1/v1/stream");
        props.put("ds.stream.template", "${nope}");
        props.put("ds.stream.ttl.seconds", "5");
        props.put("ds.stream.expires.at", "2030-01-01T00:00:00Z");

        assertThat(errors(connector.validate(props))).containsOnlyKeys("ds.stream.template");
    }

    @Test
    void crossFieldErrorsAreReportedOnTheKeyToChangeBeforeAnyConnection() {
        Map<String, String> props = new HashMap<>();
        props.put("ds.url", "http://unreachable.invalid:1/v1/stream");
        props.put("ds.stream.ttl.seconds", "5");
        props.put("ds.stream.expires.at", "2030-01-01T00:00:00Z");

        assertThat(errors(connector.validate(props))).containsOnlyKeys("ds.stream.expires.at");
    }

    @Test
    void perTopicOverrideErrorsAppearUnderTheirOwnKeys() {
        Map<String, String> props = new HashMap<>();
        props.put("ds.url", "http://unreachable.invalid:1/v1/stream");
        props.put("ds.stream.topic.users", "a/../b");

        assertThat(errors(connector.validate(props))).containsOnlyKeys("ds.stream.topic.users");
    }

    @Test
    void tasksGetTheConnectorsConfigurationAndVersionComesFromTheBuild() {
        Map<String, String> props = Map.of("name", "sink", "ds.url", "http://127.0.0.1:4437/v1/stream");
        connector.start(props);

        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(task -> assertThat(task).isEqualTo(props));
        assertThat(connector.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(connector.taskClass()).isEqualTo(DurableStreamsSinkTask.class);
    }

    @Test
    void aMistypedDsKeyIsReportedWithTheNearestKnownKey() {
        Map<String, String> props = new HashMap<>();
        props.put("ds.url", "http://unreachable.invalid:1/v1/stream");
        props.put("ds.stream.templat", "orders/${key}");
        props.put("ds.content.typ.topic.users", "application/json");
        props.put("ds.stream.topic.users", "users/${key}");
        props.put("name", "sink");
        props.put("transforms", "");

        Map<String, List<String>> errors = errors(connector.validate(props));

        assertThat(errors).containsOnlyKeys("ds.stream.templat", "ds.content.typ.topic.users");
        assertThat(errors.get("ds.stream.templat").get(0)).contains("Did you mean ds.stream.template?");
        assertThat(errors.get("ds.content.typ.topic.users").get(0)).contains("ds.content.type.topic.<topic>");
    }

    @Test
    void anUnreachableServerIsNoErrorButValidationSaysSo() {
        Map<String, String> props = new HashMap<>();
        props.put("ds.url", "http://127.0.0.1:1/v1/stream");

        Config config = connector.validate(props);

        assertThat(errors(config)).isEmpty();
        assertThat(config.configValues()).filteredOn(value -> value.name().equals("ds.url.check"))
                .singleElement().satisfies(value -> assertThat(String.valueOf(value.value()))
                        .startsWith("unreachable:").contains("http://127.0.0.1:1/v1/stream").contains("ds.url"));
    }
}
