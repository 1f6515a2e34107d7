package io.dsk.transforms.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangeMessageTest {

    @Test
    void fieldsFollowTheProtocolOrder() {
        Map<String, Object> message = ChangeMessage.of("user", "1", Operation.UPDATE).value(Map.of("n", "B"))
                .oldValue(Map.of("n", "A")).txid("t1").timestamp(Instant.parse("2025-01-15T10:35:00Z")).toMap();

        assertThat(message.keySet()).containsExactly("type", "key", "value", "old_value", "headers");
        assertThat(((Map<?, ?>) message.get("headers")).keySet()).map(Object::toString)
                .containsExactly("operation", "txid", "timestamp");
        assertThat(message.get("headers")).isEqualTo(Map.of("operation", "update", "txid", "t1",
                "timestamp", "2025-01-15T10:35:00Z"));
    }

    @Test
    void insertNeverCarriesAnOldValue() {
        assertThat(ChangeMessage.of("user", "1", Operation.INSERT).value(1).oldValue(0).toMap()).doesNotContainKey("old_value");
    }

    @Test
    void insertWithNullValueStillWritesTheValueField() {
        assertThat(ChangeMessage.of("flag", "f", Operation.INSERT).value(null).toMap()).containsEntry("value", null);
    }

    @Test
    void emptyTxidAndMissingTimestampAreLeftOut() {
        assertThat(ChangeMessage.of("user", "1", Operation.DELETE).txid("").timestamp(null).toMap().get("headers"))
                .isEqualTo(Map.of("operation", "delete"));
    }

    @Test
    void timestampsRfc3339CannotWriteAreLeftOut() {
        assertThat(ChangeMessage.of("u", "1", Operation.DELETE).timestamp(Instant.parse("+10000-01-01T00:00:00Z")).toMap()
                .get("headers")).isEqualTo(Map.of("operation", "delete"));
        assertThat(ChangeMessage.of("u", "1", Operation.DELETE).timestamp(Instant.parse("-0001-01-01T00:00:00Z")).toMap()
                .get("headers")).isEqualTo(Map.of("operation", "delete"));
    }
}
