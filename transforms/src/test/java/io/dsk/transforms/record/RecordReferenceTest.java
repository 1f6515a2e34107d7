package io.dsk.transforms.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.dsk.transforms.TestRecords;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordReferenceTest {

    private static final Schema CUSTOMER = SchemaBuilder.struct().field("tenant", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct().field("customer", CUSTOMER).build();

    @Test
    void readsCoordinatesKeyAndHeaders() {
        var record = TestRecords.schemaless("k1", null, Map.of("X-Tenant.Id", "acme"));

        assertThat(RecordReference.parse("topic").resolve(record)).isEqualTo(TestRecords.TOPIC);
        assertThat(RecordReference.parse("partition").resolve(record)).isEqualTo(TestRecords.PARTITION);
        assertThat(RecordReference.parse("key").resolve(record)).isEqualTo("k1");
        assertThat(RecordReference.parse("header.X-Tenant.Id").resolve(record)).isEqualTo("acme");
        assertThat(RecordReference.parse("header.absent").resolve(record)).isNull();
    }

    @Test
    void walksNestedStructsAndMapsAlike() {
        Struct struct = new Struct(ORDER).put("customer", new Struct(CUSTOMER).put("tenant", "acme"));
        Map<String, Object> map = Map.of("customer", Map.of("tenant", "acme"));
        RecordReference tenant = RecordReference.parse("value.customer.tenant");

        assertThat(tenant.resolve(TestRecords.withSchema(null, null, ORDER, struct))).isEqualTo("acme");
        assertThat(tenant.resolve(TestRecords.schemaless(null, map))).isEqualTo("acme");
    }

    @Test
    void absentFieldsNullStepsAndScalarsInTheWayResolveToNull() {
        RecordReference deep = RecordReference.parse("value.customer.tenant.id");

        assertThat(deep.resolve(TestRecords.schemaless(null, Map.of("customer", Map.of("tenant", "acme"))))).isNull();
        assertThat(deep.resolve(TestRecords.schemaless(null, Map.of()))).isNull();
        assertThat(deep.resolve(TestRecords.schemaless(null, null))).isNull();
        assertThat(RecordReference.parse("value.nope").resolve(
                TestRecords.withSchema(null, null, ORDER, new Struct(ORDER).put("customer", new Struct(CUSTOMER))))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "values.x", "value.", "value..x", "header.", "headers.x", "offset", "key.a."})
    void unknownFormsAreRefused(String text) {
        assertThatThrownBy(() -> RecordReference.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
