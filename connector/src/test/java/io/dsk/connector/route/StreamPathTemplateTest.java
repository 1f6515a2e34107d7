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
    @Test
    void templatesOverTopicPartitionAndKeyRememberPathsPerKey() {
        StreamPathTemplate template = StreamPathTemplate.parse("${topic}/p${partition}/${key}");

        assertThat(template.remembersPaths()).isTrue();
        assertThat(template.render(record("a b", "v"))).isEqualTo("orders/p3/a%20b");
        assertThat(template.render(record("a b", "other"))).isEqualTo("orders/p3/a%20b");
        assertThat(template.render(record("c", "v"))).isEqualTo("orders/p3/c");
        assertThat(template.render(record(7L, "v"))).isEqualTo("orders/p3/7");
        assertThat(template.render(new SinkRecord("audit", 0, null, "a b", null, "v", 1))).isEqualTo("audit/p0/a%20b");
        assertThat(template.render(new SinkRecord("orders", 4, null, "a b", null, "v", 1))).isEqualTo("orders/p4/a%20b");
    }

    @Test
    void templatesOverHeadersValuesOrKeyFieldsRenderEveryRecordAfresh() {
        StreamPathTemplate byHeader = StreamPathTemplate.parse("${topic}/${key}/${header.tenant}");
        StreamPathTemplate byValue = StreamPathTemplate.parse("${key}/${value.user}");
        StreamPathTemplate byKeyField = StreamPathTemplate.parse("${key.id}");
        SinkRecord acme = record("k", Map.of("user", "u1"));
        acme.headers().addString("tenant", "acme");
        SinkRecord globex = record("k", Map.of("user", "u2"));
        globex.headers().addString("tenant", "globex");
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();

        assertThat(byHeader.remembersPaths()).isFalse();
        assertThat(byValue.remembersPaths()).isFalse();
        assertThat(byKeyField.remembersPaths()).isFalse();
        assertThat(byHeader.render(acme)).isEqualTo("orders/k/acme");
        assertThat(byHeader.render(globex)).isEqualTo("orders/k/globex");
        assertThat(byValue.render(acme)).isEqualTo("k/u1");
        assertThat(byValue.render(globex)).isEqualTo("k/u2");
        assertThat(byKeyField.render(record(new Struct(keySchema).put("id", "x"), "v"))).isEqualTo("x");
        assertThat(byKeyField.render(record(new Struct(keySchema).put("id", "y"), "v"))).isEqualTo("y");
    }

    @Test
    void unresolvableKeysFailEveryTimeAndAreNotRemembered() {
        StreamPathTemplate template = StreamPathTemplate.parse("${key}");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> template.render(record(null, "v"))).isInstanceOf(RoutingException.class);
            assertThatThrownBy(() -> template.render(record("", "v"))).isInstanceOf(RoutingException.class);
        }
        assertThat(template.render(record("ok", "v"))).isEqualTo("ok");
    }

    @Test
    void aFullPathMemoryStartsOverAndStillRendersCorrectly() {
        RenderedPaths paths = new RenderedPaths();
        for (int i = 0; i < RenderedPaths.MAX_ENTRIES; i++) {
            paths.put("t", 0, i, "t/" + i);
        }
        paths.put("t", 0, "next", "t/next");

        assertThat(paths.size()).isEqualTo(1);
        assertThat(paths.get("t", 0, "next")).isEqualTo("t/next");
        assertThat(paths.get("t", 0, 5)).isNull();
        assertThat(RenderedPaths.isCacheableKey(new byte[] {1})).isFalse();
        assertThat(RenderedPaths.isCacheableKey(Map.of("a", 1))).isFalse();
    }
}
