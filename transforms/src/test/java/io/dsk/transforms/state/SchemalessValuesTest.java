package io.dsk.transforms.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.junit.jupiter.api.Test;

class SchemalessValuesTest {

    @Test
    void nestedStructsInListsAndMapsBecomeMapsInFieldOrder() {
        Schema item = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA).field("qty", Schema.INT32_SCHEMA).build();
        Schema order = SchemaBuilder.struct()
                .field("items", SchemaBuilder.array(item).build())
                .field("byCode", SchemaBuilder.map(Schema.INT32_SCHEMA, item).build())
                .build();
        Struct first = new Struct(item).put("sku", "A").put("qty", 1);
        Struct value = new Struct(order).put("items", List.of(first)).put("byCode", Map.of(7, first));

        Object plain = SchemalessValues.of(value, order);

        assertThat(plain).isEqualTo(Map.of("items", List.of(Map.of("sku", "A", "qty", 1)),
                "byCode", Map.of("7", Map.of("sku", "A", "qty", 1))));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<?>) ((Map<?, ?>) plain).get("items")).get(0);
        assertThat(row.keySet()).containsExactly("sku", "qty");
    }

    @Test
    void timeOfDayIsWrittenWithoutADate() {
        Schema schema = SchemaBuilder.struct().field("opens", Time.SCHEMA).build();
        Struct value = new Struct(schema).put("opens", new Date(9L * 3_600_000 + 30 * 60_000));

        assertThat(SchemalessValues.of(value, schema)).isEqualTo(Map.of("opens", "09:30:00.000"));
    }

    @Test
    void schemalessDatesAreTimestampsAndBuffersAreBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2}, 1, 2);

        assertThat(SchemalessValues.of(new Date(0), null)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat((byte[]) SchemalessValues.of(buffer, null)).containsExactly(1, 2);
        assertThat(buffer.remaining()).isEqualTo(2);
    }

    @Test
    void scalarsAndNullPassThrough() {
        assertThat(SchemalessValues.of(null, null)).isNull();
        assertThat(SchemalessValues.of(5L, Schema.INT64_SCHEMA)).isEqualTo(5L);
        assertThat(SchemalessValues.of("x", null)).isEqualTo("x");
    }
}
