package io.dsk.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DurableStreamsSinkConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(DurableStreamsSinkConfig.URL_CONFIG, "http://127.0.0.1:4437/v1/stream/");
        return props;
    }

    private static DurableStreamsSinkConfig config(Map<String, String> props) {
        return new DurableStreamsSinkConfig(props);
    }

    @Test
    void defaultsAreSafeAndDocumented() {
        DurableStreamsSinkConfig config = config(minimal());

        assertThat(config.url()).hasToString("http://127.0.0.1:4437/v1/stream");
        assertThat(config.streamTemplate()).hasToString("${topic}/${partition}");
        assertThat(config.contentType()).isEqualTo(StreamContentType.JSON);
        assertThat(config.closeOn()).isEqualTo(CloseTrigger.HEADER);
        assertThat(config.nullValueBehavior()).isEqualTo(NullValueBehavior.SKIP);
        assertThat(config.decimalFormat()).isEqualTo(DecimalFormat.STRING);
        assertThat(config.autoCreate()).isTrue();
        assertThat(config.crossFieldProblems()).isEmpty();
        DurableStreamsSinkConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        });
    }

    @Test
    void theUrlMustBeAnAbsoluteHttpUrl() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.URL_CONFIG, "ftp://host/x");

        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ds.url").hasMessageContaining("absolute http or https URL");
    }

    @Test
    void theUrlMayListTheNodesOfAGatewayCluster() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.URL_CONFIG,
                "http://gw-1:4437/v1/stream, http://gw-2:4437/v1/stream/,http://gw-3:4437/v1/stream");

        DurableStreamsSinkConfig config = config(props);

        assertThat(config.urls()).map(Object::toString).containsExactly("http://gw-1:4437/v1/stream",
                "http://gw-2:4437/v1/stream", "http://gw-3:4437/v1/stream");
        assertThat(config.url()).hasToString("http://gw-1:4437/v1/stream");
    }

    @Test
    void everyUrlOfAListMustBeAnAbsoluteHttpUrlOfOneScheme() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.URL_CONFIG, "http://gw-1:4437/v1/stream,,http://gw-3:4437/v1/stream");
        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ds.url").hasMessageContaining("comma-separated list");

        props.put(DurableStreamsSinkConfig.URL_CONFIG, "http://gw-1:4437/v1/stream,https://gw-2:4437/v1/stream");
        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ds.url").hasMessageContaining("same scheme");
    }

    @Test
    void theUrlIsRequired() {
        assertThatThrownBy(() -> config(new HashMap<>())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ds.url");
    }

    @Test
    void choicesAreCaseInsensitiveAndWrongOnesListTheValidValues() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.CLOSE_ON_CONFIG, "BOTH");
        assertThat(config(props).closeOn()).isEqualTo(CloseTrigger.BOTH);

        props.put(DurableStreamsSinkConfig.CLOSE_ON_CONFIG, "sometimes");
        assertThatThrownBy(() -> config(props)).hasMessageContaining("ds.close.on")
                .hasMessageContaining("[tombstone, header, both, none]");
    }

    @Test
    void recommendersOfferEveryChoice() {
        assertThat(StreamContentType.CHOICES.validValues("ds.content.type", Map.of())).containsExactly(
                "application/json", "application/x-ndjson", "text/plain", "application/octet-stream");
    }

    @Test
    void anInvalidTemplateNamesTheKeyAndTheProblem() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.STREAM_TEMPLATE_CONFIG, "a/${user}");

        assertThatThrownBy(() -> config(props)).hasMessageContaining("ds.stream.template")
                .hasMessageContaining("unknown placeholder ${user}");
    }

    @Test
    void perTopicOverridesAreParsedAndChecked() {
        Map<String, String> props = minimal();
        props.put("ds.stream.topic.my.users", "users/${key}");
        props.put("ds.content.type.topic.logs", "text/plain");
        DurableStreamsSinkConfig config = config(props);

        assertThat(config.topicTemplates()).containsOnlyKeys("my.users");
        assertThat(config.topicContentTypes()).containsEntry("logs", StreamContentType.TEXT);

        props.put("ds.stream.topic.bad", "a//b");
        props.put("ds.content.type.topic.logs", "text/html");
        assertThat(DurableStreamsSinkConfig.topicOverrideProblems(props))
                .containsOnlyKeys("ds.stream.topic.bad", "ds.content.type.topic.logs");
    }

    @Test
    void ttlAndExpiryTogetherAreACrossFieldProblem() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.STREAM_TTL_CONFIG, "60");
        props.put(DurableStreamsSinkConfig.STREAM_EXPIRES_AT_CONFIG, "2030-01-01T00:00:00Z");
        DurableStreamsSinkConfig config = config(props);

        assertThat(config.crossFieldProblems()).containsKey("ds.stream.expires.at");
        assertThat(config.crossFieldProblems().get("ds.stream.expires.at")).contains("ds.stream.ttl.seconds");
        assertThatThrownBy(config::ensureConsistent).isInstanceOf(ConfigException.class);
    }

    @Test
    void retentionBoundsAreNoneByDefaultAndMustBePositiveWhenSet() {
        DurableStreamsSinkConfig defaults = config(minimal());
        assertThat(defaults.retentionMs()).isEqualTo(-1);
        assertThat(defaults.retentionBytes()).isEqualTo(-1);

        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.RETENTION_MS_CONFIG, "604800000");
        props.put(DurableStreamsSinkConfig.RETENTION_BYTES_CONFIG, "1073741824");
        assertThat(config(props).retentionMs()).isEqualTo(604_800_000L);
        assertThat(config(props).retentionBytes()).isEqualTo(1L << 30);

        props.put(DurableStreamsSinkConfig.RETENTION_BYTES_CONFIG, "0");
        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ds.retention.bytes");
    }

    @Test
    void theEnvelopeNeedsJsonContentTypes() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.ENVELOPE_ENABLED_CONFIG, "true");
        props.put("ds.content.type.topic.logs", "text/plain");

        assertThat(config(props).crossFieldProblems()).containsOnlyKeys("ds.content.type.topic.logs");
    }

    @Test
    void backoffInitialAboveMaximumAndTrustStoreWithoutHttpsAreRejected() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.RETRY_BACKOFF_INITIAL_CONFIG, "5000");
        props.put(DurableStreamsSinkConfig.RETRY_BACKOFF_MAX_CONFIG, "1000");
        props.put(DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG, "/etc/trust.p12");

        assertThat(config(props).crossFieldProblems())
                .containsOnlyKeys("ds.retry.backoff.initial.ms", "ds.ssl.truststore.location");
    }

    @Test
    void anExpiryMustBeRfc3339() {
        Map<String, String> props = minimal();
        props.put(DurableStreamsSinkConfig.STREAM_EXPIRES_AT_CONFIG, "tomorrow");

        assertThatThrownBy(() -> config(props)).hasMessageContaining("RFC 3339");
    }
}
