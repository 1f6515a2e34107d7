package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubscriptionConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SubscriptionConfig parse(String body) throws Exception {
        return SubscriptionConfig.parse("s", JSON.readTree(body));
    }

    @Test
    void theHashIgnoresTheOrderAndRepeatsOfStreamsButNotTheLeaseOrDescription() throws Exception {
        String a = parse("{\"type\":\"pull-wake\",\"streams\":[\"b\",\"a\"],\"wake_stream\":\"w\"}").hash();
        assertThat(parse("{\"wake_stream\":\"w\",\"streams\":[\"a\",\"b\",\"a\"],\"type\":\"pull-wake\"}").hash()).isEqualTo(a);
        assertThat(parse("{\"type\":\"pull-wake\",\"streams\":[\"b\",\"a\"],\"wake_stream\":\"w\",\"lease_ttl_ms\":30000}").hash())
                .isEqualTo(a);
        assertThat(parse("{\"type\":\"pull-wake\",\"streams\":[\"b\",\"a\"],\"wake_stream\":\"w\",\"lease_ttl_ms\":1000}").hash())
                .isNotEqualTo(a);
        assertThat(parse("{\"type\":\"pull-wake\",\"streams\":[\"b\",\"a\"],\"wake_stream\":\"w\",\"description\":\"x\"}").hash())
                .isNotEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "{\"type\":\"push\",\"streams\":[\"a\"]}",
        "{\"type\":\"webhook\",\"webhook\":{\"url\":\"https://h/\"}}",
        "{\"type\":\"webhook\",\"streams\":[\"a\"]}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"]}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"],\"wake_stream\":\"__ds/x\"}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a/../b\"],\"wake_stream\":\"w\"}",
        "{\"type\":\"pull-wake\",\"streams\":\"a\",\"wake_stream\":\"w\"}",
        "{\"type\":\"pull-wake\",\"pattern\":\"users/{sub}\",\"wake_stream\":\"w\"}",
        "{\"type\":\"pull-wake\",\"pattern\":\"__ds/**\",\"wake_stream\":\"w\"}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"],\"wake_stream\":\"w\",\"lease_ttl_ms\":999}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"],\"wake_stream\":\"w\",\"lease_ttl_ms\":600001}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"],\"wake_stream\":\"w\",\"lease_ttl_ms\":1.5}",
        "{\"type\":\"pull-wake\",\"streams\":[\"a\"],\"wake_stream\":\"w\",\"extra\":1}"})
    void aBadConfigurationIsRefusedWith400(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
