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
    void bytesKeysAreUrlSafeBase64() {
        assertThat(StreamPathTemplate.parse("${key}").render(record(new byte[] {(byte) 0xfb, (byte) 0xff}, "v")))
                .isEqualTo("-_8");
    }

    @Test
    void aMissingVariableIsARoutingErrorNamingTheVariable() {
        assertThatThrownBy(() -> StreamPathTemplate.parse("${header.tenant}").render(record("k", "v")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("${header.tenant} is null");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${key}").render(record("", "v")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${value.user}").render(record("k", Map.of("user",
                Map.of("id", 1))))).isInstanceOf(RoutingException.class).hasMessageContaining("not a scalar");
        assertThatThrownBy(() -> StreamPathTemplate.parse("${value.a.b}").render(record("k", "text")))
                .isInstanceOf(RoutingException.class).hasMessageContaining("cannot read field 'a'");
    }

    @Test
    void invalidTemplatesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/${nope}")).hasMessageContaining("unknown variable ${nope}");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/${key")).hasMessageContaining("no closing '}'");
        assertThatThrownBy(() -> StreamPathTemplate.parse("/a/${key}")).hasMessageContaining("start or end");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a//${key}")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a/../${key}")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> StreamPathTemplate.parse("a b/${key}")).hasMessageContaining("character ' '");
        assertThatThrownBy(() -> StreamPathTemplate.parse("")).hasMessageContaining("empty");
    }

    @Test
    void headerPathsAreCheckedSegmentBySegment() {
        assertThat(PathSegments.problemWithPath("tenants/acme/orders")).isNull();
        assertThat(PathSegments.problemWithPath("a%2Fb")).isNull();
        assertThat(PathSegments.problemWithPath("a/../b")).contains("'..'");
        assertThat(PathSegments.problemWithPath("a//b")).contains("empty segment");
        assertThat(PathSegments.problemWithPath("a?b")).contains("'?'");
        assertThat(PathSegments.problemWithPath("a%zz")).contains("%XX");
    }
}
