package io.dsk.connector.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.connector.config.DecimalFormat;
import io.dsk.connector.config.TemporalFormat;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class JsonValueRendererTest {

    private static final long MILLIS = 1_714_571_130_250L; // 2024-05-01T13:45:30.250Z
    private final JsonValueRenderer iso = new JsonValueRenderer(DecimalFormat.STRING, TemporalFormat.ISO8601);
    private final JsonValueRenderer epoch = new JsonValueRenderer(DecimalFormat.NUMBER, TemporalFormat.EPOCH);

    private String isoJson(Schema schema, Object value) {
        return iso.toJson(schema, value);
    }

    @Test
    void primitivesWithSchemas() {
        assertThat(isoJson(Schema.INT8_SCHEMA, (byte) -8)).isEqualTo("-8");
        assertThat(isoJson(Schema.INT16_SCHEMA, (short) 300)).isEqualTo("300");
        assertThat(isoJson(Schema.INT32_SCHEMA, 70_000)).isEqualTo("70000");
        assertThat(isoJson(Schema.INT64_SCHEMA, Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(isoJson(Schema.FLOAT32_SCHEMA, 1.5f)).isEqualTo("1.5");
        assertThat(isoJson(Schema.FLOAT64_SCHEMA, 0.1)).isEqualTo("0.1");
        assertThat(isoJson(Schema.BOOLEAN_SCHEMA, true)).isEqualTo("true");
        assertThat(isoJson(Schema.STRING_SCHEMA, "a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(isoJson(Schema.BYTES_SCHEMA, new byte[] {1, 2, 3})).isEqualTo("\"AQID\"");
        assertThat(isoJson(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo("\"AQID\"");
        assertThat(isoJson(Schema.OPTIONAL_STRING_SCHEMA, null)).isEqualTo("null");
    }

    @Test
    void nonFiniteFloatsBecomeStrings() {
        assertThat(isoJson(Schema.FLOAT64_SCHEMA, Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(isoJson(Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    }

    @Test
    void decimalsAreExactStringsOrNumbers() {
        Schema schema = Decimal.schema(3);
        BigDecimal value = new BigDecimal("12345678901234567890.120");

        assertThat(isoJson(schema, value)).isEqualTo("\"12345678901234567890.120\"");
        assertThat(epoch.toJson(schema, value)).isEqualTo("12345678901234567890.120");
    }

    @Test
    void datesTimesAndTimestampsAsIsoOrEpoch() {
        java.util.Date day = new java.util.Date(19_844L * 86_400_000L);
        java.util.Date time = new java.util.Date(49_530_250L);
        java.util.Date instant = new java.util.Date(MILLIS);

        assertThat(isoJson(Date.SCHEMA, day)).isEqualTo("\"2024-05-01\"");
        assertThat(isoJson(Time.SCHEMA, time)).isEqualTo("\"13:45:30.250\"");
        assertThat(isoJson(Timestamp.SCHEMA, instant)).isEqualTo("\"2024-05-01T13:45:30.250Z\"");
        assertThat(epoch.toJson(Date.SCHEMA, day)).isEqualTo("19844");
        assertThat(epoch.toJson(Time.SCHEMA, time)).isEqualTo("49530250");
        assertThat(epoch.toJson(Timestamp.SCHEMA, instant)).isEqualTo(Long.toString(MILLIS));
    }

    @Test
    void nestedStructsMapsAndLists() {
        Schema item = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA)
                .field("price", Decimal.schema(2)).build();
        Schema order = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("items", SchemaBuilder.array(item).build())
                .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("at", Timestamp.SCHEMA)
                .build();
        Map<String, Integer> tags = new LinkedHashMap<>();
        tags.put("a", 1);
        Struct value = new Struct(order).put("id", 7L)
                .put("items", List.of(new Struct(item).put("sku", "x").put("price", new BigDecimal("1.50"))))
                .put("tags", tags)
                .put("at", new java.util.Date(MILLIS));

        assertThat(isoJson(order, value)).isEqualTo("{\"id\":7,\"items\":[{\"sku\":\"x\",\"price\":\"1.50\"}],"
                + "\"tags\":{\"a\":1},\"note\":null,\"at\":\"2024-05-01T13:45:30.250Z\"}");
    }

    @Test
    void optionalNestedStructsListsOfMapsAndBytesInsideStructs() {
        Schema inner = SchemaBuilder.struct().optional().field("x", Schema.INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("inner", inner)
                .field("rows", SchemaBuilder.array(SchemaBuilder.map(Schema.STRING_SCHEMA,
                        Schema.OPTIONAL_FLOAT64_SCHEMA).build()).build())
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("a", 1.25);
        row.put("b", null);
        Struct value = new Struct(schema).put("rows", List.of(row)).put("blob", new byte[] {(byte) 0xff});

        assertThat(isoJson(schema, value)).isEqualTo("{\"inner\":null,\"rows\":[{\"a\":1.25,\"b\":null}],"
                + "\"blob\":\"/w==\"}");
    }

    @Test
    void mapsWithStructKeysBecomeKeyValuePairs() {
        Schema key = SchemaBuilder.struct().field("k", Schema.INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.map(key, Schema.STRING_SCHEMA).build();

        assertThat(isoJson(schema, Map.of(new Struct(key).put("k", 1), "v")))
                .isEqualTo("[{\"key\":{\"k\":1},\"value\":\"v\"}]");
        assertThat(isoJson(SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), Map.of(5, "v")))
                .isEqualTo("{\"5\":\"v\"}");
    }

    @Test
    void schemalessValuesFollowTheirJavaTypes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("n", 1L);
        value.put("d", 2.5);
        value.put("l", List.of(true, "x"));
        value.put("m", Map.of("z", 0));
        value.put("null", null);

        assertThat(isoJson(null, value)).isEqualTo("{\"n\":1,\"d\":2.5,\"l\":[true,\"x\"],\"m\":{\"z\":0},\"null\":null}");
    }

    @Test
    void aValueThatDoesNotMatchItsSchemaIsARenderError() {
        assertThatThrownBy(() -> iso.toJson(SchemaBuilder.struct().build(), "text"))
                .isInstanceOf(RenderException.class).hasMessageContaining("STRUCT");
        assertThatThrownBy(() -> iso.toJson(null, new Object())).isInstanceOf(RenderException.class);
    }
}
