package io.dsk.transforms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

    private static final Object MISSING = new Object();

    private static final Map<String, Object> DOCUMENT = Map.of(
            "a/b", 1, "m~n", 2, "items", List.of(Map.of("sku", "X1"), Map.of("sku", "X2")), "", 3);

    @Test
    void followsRfc6901Escapes() {
        assertThat(JsonPointer.parse("/a~1b").resolve(DOCUMENT, MISSING)).isEqualTo(1);
        assertThat(JsonPointer.parse("/m~0n").resolve(DOCUMENT, MISSING)).isEqualTo(2);
        assertThat(JsonPointer.parse("/").resolve(DOCUMENT, MISSING)).isEqualTo(3);
        assertThat(JsonPointer.parse("").resolve(DOCUMENT, MISSING)).isSameAs(DOCUMENT);
    }

    @Test
    void indexesListsWithoutLeadingZeros() {
        assertThat(JsonPointer.parse("/items/1/sku").resolve(DOCUMENT, MISSING)).isEqualTo("X2");
        assertThat(JsonPointer.parse("/items/01/sku").resolve(DOCUMENT, MISSING)).isSameAs(MISSING);
        assertThat(JsonPointer.parse("/items/2/sku").resolve(DOCUMENT, MISSING)).isSameAs(MISSING);
        assertThat(JsonPointer.parse("/items/-").resolve(DOCUMENT, MISSING)).isSameAs(MISSING);
    }

    @Test
    void presentNullIsNotMissing() {
        Map<String, Object> document = new HashMap<>();
        document.put("x", null);

        assertThat(JsonPointer.parse("/x").resolve(document, MISSING)).isNull();
        assertThat(JsonPointer.parse("/y").resolve(document, MISSING)).isSameAs(MISSING);
        assertThat(JsonPointer.parse("/x/z").resolve(document, MISSING)).isSameAs(MISSING);
    }

    @Test
    void resolvesSchemasThroughStructsArraysAndStringKeyedMaps() {
        Schema item = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA).build();
        Schema order = SchemaBuilder.struct()
                .field("items", SchemaBuilder.array(item).build())
                .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
                .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build())
                .build();

        assertThat(JsonPointer.parse("/items/0/sku").resolveSchema(order)).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(JsonPointer.parse("/tags/any").resolveSchema(order)).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(JsonPointer.parse("/byId/1").resolveSchema(order)).isNull();
        assertThat(JsonPointer.parse("/items/x").resolveSchema(order)).isNull();
        assertThat(JsonPointer.parse("/nope").resolveSchema(order)).isNull();
    }

    @Test
    void malformedPointersAreRefused() {
        assertThatThrownBy(() -> JsonPointer.parse("a/b")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> JsonPointer.parse("/a~2")).hasMessageContaining("'~' not followed by 0 or 1");
    }
}
