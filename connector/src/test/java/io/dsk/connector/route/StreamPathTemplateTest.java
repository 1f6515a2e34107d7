package io.dsk.connector.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class StreamPathTemplateTest {

    private static SinkRecord record(Object key, Object value) {
        return new SinkRecord("orders", 3, null, key, null, value, 42);
    }

    @Test
    void defaultTemplateUsesTopicAndPartition() {
        assertThat(StreamPathTemplate.parse("${topic}/${partition}").render(record("k", "v"))).isEqualTo("orders/3");
    }

    @Test
    void aKeyWithSlashesStaysInsideItsSegment() {
        String path = StreamPathTemplate.parse("users/${key}/events").render(record("a/../b?x#y", "v"));

        assertThat(path).isEqualTo("users/a%2F..%2Fb%3Fx%23y/events");
        assertThat(path.split("/")).hasSize(3);
    }

    @Test
    void dotSegmentsArePercentEncodedSoTheyCannotClimb() {
        assertThat(StreamPathTemplate.parse("u/${key}").render(record("..", "v"))).isEqualTo("u/%2E%2E");
        assertThat(StreamPathTemplate.parse("u/${key}").render(record(".", "v"))).isEqualTo("u/%2E");
    }

    @Test
    void unicodeAndPercentAreEncodedAsUtf8Bytes() {
        assertThat(StreamPathTemplate.parse("${key}").render(record("é 100%", "v"))).isEqualTo("%C3%A9%20100%25");
    }

    @Test
    void headerAndNestedValueFieldsOfStructsAndMaps() {
        Schema user = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("user", user).build();
        Struct value = new Struct(schema).put("user", new Struct(user).put("id", 7L));
        SinkRecord record = record("k", value);
        record.headers().addString("tenant", "acme");

        assertThat(StreamPathTemplate.parse("t/${header.tenant}/u/${value.user.id}").render(record))
                .isEqualTo("t/acme/u/7");
        assertThat(StreamPathTemplate.parse("${value.user.id}").render(record("k", Map.of("user", Map.of("id", 9)))))
                .isEqualTo("9");
    }

    @Test
    void bytesKeysAreNotScalarsAndCannotNameAStream() {
        assertThatThrownBy(() -> StreamPathTemplate.parse("${key}").render(record(new byte[] {1}, "v")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("not a string, number or boolean");
    }

    @Test
    void aMissingVariableIsARoutingErrorNamingTheVariable() {
        assertThatThrownBy(() -> StreamPathTemplate.parse("${header.tenant}").render(record("k", "v")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("${header.tenant} is missing or null");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${key}").render(record("", "v")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${value.user}").render(record("k", Map.of("user",
                Map.of("id", 1))))).isInstanceOf(RoutingException.class).hasMessageContaining("point it at a field inside");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${value.a.b}").render(record("k", "text")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("${value.a.b}");
    }

    @Test
    void invalidTemplatesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/${nope}")).hasMessageContaining("unknown placeholder ${nope}");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/${key")).hasMessageContaining("${");
        assertThatThrownBy(() -> StreamPathTemplate.parse("/a/${key}")).hasMessageContaining("no leading or trailing");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a//${key}")).hasMessageContaining("empty ('//')");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/../${key}")).hasMessageContaining("only dots");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a b/${key}")).hasMessageContaining("holds ' '");
        assertThatThrownBy(() -> StreamPathTemplate.parse("")).hasMessageContaining("empty");
    }
}
