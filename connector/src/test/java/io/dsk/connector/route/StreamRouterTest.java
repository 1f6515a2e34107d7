package io.dsk.connector.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.connector.config.StreamContentType;
import io.dsk.transforms.StreamHeaders;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class StreamRouterTest {

    private final StreamRouter router = new StreamRouter(StreamPathTemplate.parse("${topic}/${partition}"),
            Map.of("users", StreamPathTemplate.parse("u/${key}")), StreamContentType.JSON,
            Map.of("logs", StreamContentType.TEXT), true);

    private static SinkRecord record(String topic) {
        return new SinkRecord(topic, 1, null, "alice", null, "v", 5);
    }

    @Test
    void topicsWithoutOverrideUseTheDefaultTemplateAndContentType() {
        assertThat(router.pathFor(record("orders"))).isEqualTo("orders/1");
        assertThat(router.contentTypeFor("orders")).isEqualTo(StreamContentType.JSON);
    }

    @Test
    void perTopicTemplatesAndContentTypesWin() {
        assertThat(router.pathFor(record("users"))).isEqualTo("u/alice");
        assertThat(router.contentTypeFor("logs")).isEqualTo(StreamContentType.TEXT);
    }

    @Test
    void theStreamHeaderOverridesEveryTemplate() {
        SinkRecord record = record("users");
        record.headers().addString(StreamHeaders.STREAM, "rooms/42/chat");

        assertThat(router.pathFor(record)).isEqualTo("rooms/42/chat");
    }

    @Test
    void anInvalidStreamHeaderIsARoutingError() {
        SinkRecord record = record("users");
        record.headers().addString(StreamHeaders.STREAM, "rooms/../admin");

        assertThatThrownBy(() -> router.pathFor(record)).isInstanceOf(DataException.class)
                .hasMessageContaining("ds.stream");
    }

    @Test
    void theStreamHeaderIsIgnoredWhenDisabled() {
        StreamRouter strict = new StreamRouter(StreamPathTemplate.parse("${topic}"), Map.of(), StreamContentType.JSON,
                Map.of(), false);
        SinkRecord record = record("orders");
        record.headers().addString(StreamHeaders.STREAM, "elsewhere");

        assertThat(strict.pathFor(record)).isEqualTo("orders");
    }
}
