package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address")
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema CUSTOMER = SchemaBuilder.struct().name("Customer")
            .field("name", Schema.STRING_SCHEMA)
            .field("address", ADDRESS)
            .build();
    private static final Schema ITEM = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", CUSTOMER)
            .field("items", SchemaBuilder.array(ITEM).build())
            .field("secret", Schema.STRING_SCHEMA)
            .build();

    private static final String FIELDS = "id=/id,city=/customer/address/city,first_sku=/items/0/sku,address=/customer/address";

    private static Struct order(int items) {
        Struct address = new Struct(ADDRESS).put("city", "Lyon");
        Struct customer = new Struct(CUSTOMER).put("name", "Ann").put("address", address);
        List<Struct> list = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(new Struct(ITEM).put("sku", "S" + i));
        }
        return new Struct(ORDER).put("id", 7L).put("customer", customer).put("items", list).put("secret", "pw");
    }

    private static Map<String, Object> orderMap() {
        return Map.of("id", 7, "customer", Map.of("name", "Ann", "address", Map.of("city", "Lyon")),
                "items", List.of(Map.of("sku", "S0")), "secret", "pw");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Project<SinkRecord> value(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        Project<SinkRecord> project = new Project.Value<>();
        project.configure(props);
        return project;
    }

    @Test
    void schemalessValueGivesAFlatMapWithoutTheRest() {
        SinkRecord output = value("fields", "id=/id,city=/customer/address/city,first_sku=/items/0/sku")
                .apply(TestRecords.schemaless("k", orderMap()));

        assertThat(output.valueSchema()).isNull();
        assertThat(asMap(output.value())).containsExactly(Map.entry("id", 7), Map.entry("city", "Lyon"),
                Map.entry("first_sku", "S0"));
    }

    @Test
    void structValueGivesAStructWithAnOptionalDerivedSchema() {
        SinkRecord output = value("fields", FIELDS).apply(TestRecords.withSchema(null, null, ORDER, order(1)));

        Struct projected = (Struct) output.value();
        projected.validate();
        assertThat(output.valueSchema().fields()).extracting(f -> f.name()).containsExactly("id", "city", "first_sku", "address");
        assertThat(output.valueSchema().fields()).allMatch(f -> f.schema().isOptional());
        assertThat(output.valueSchema().field("id").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(projected.getInt64("id")).isEqualTo(7L);
        assertThat(projected.getString("city")).isEqualTo("Lyon");
        assertThat(projected.getString("first_sku")).isEqualTo("S0");
        assertThat(projected.getStruct("address").getString("city")).isEqualTo("Lyon");
        assertThat(output.valueSchema().field("address").schema().name()).isEqualTo("Address");
    }

    @Test
    void derivedSchemaIsComputedOncePerInputSchema() {
        Project<SinkRecord> project = value("fields", FIELDS);

        Schema first = project.apply(TestRecords.withSchema(null, null, ORDER, order(1))).valueSchema();
        Schema second = project.apply(TestRecords.withSchema(null, null, ORDER, order(2))).valueSchema();

        assertThat(second).isSameAs(first);
    }

    @Test
    void missingPointerGivesNullByDefault() {
        SinkRecord fromStruct = value("fields", FIELDS).apply(TestRecords.withSchema(null, null, ORDER, order(0)));
        SinkRecord fromMap = value("fields", "id=/id,zip=/customer/address/zip").apply(TestRecords.schemaless("k", orderMap()));

        assertThat(((Struct) fromStruct.value()).get("first_sku")).isNull();
        assertThat(asMap(fromMap.value())).containsEntry("zip", null).hasSize(2);
    }

    @Test
    void missingPointerCanBeSkipped() {
        SinkRecord fromMap = value("fields", "id=/id,zip=/customer/address/zip", "missing", "skip")
                .apply(TestRecords.schemaless("k", orderMap()));
        SinkRecord fromStruct = value("fields", "id=/id,nope=/customer/phone", "missing", "skip")
                .apply(TestRecords.withSchema(null, null, ORDER, order(1)));

        assertThat(asMap(fromMap.value())).containsOnlyKeys("id");
        assertThat(fromStruct.valueSchema().fields()).extracting(f -> f.name()).containsExactly("id");
    }

    @Test
    void pointerTheStructSchemaCannotHoldIsAlwaysNullWhenNotSkipped() {
        SinkRecord output = value("fields", "id=/id,phone=/customer/phone").apply(TestRecords.withSchema(null, null, ORDER, order(1)));

        assertThat(((Struct) output.value()).get("phone")).isNull();
        assertThat(output.valueSchema().field("phone").schema().isOptional()).isTrue();
    }

    @Test
    void presentNullIsKeptEvenWhenSkipping() {
        Map<String, Object> value = new HashMap<>();
        value.put("zip", null);

        SinkRecord output = value("fields", "zip=/zip", "missing", "skip").apply(TestRecords.schemaless("k", value));

        assertThat(asMap(output.value())).containsEntry("zip", null);
    }

    @Test
    void tombstonePassesUnchanged() {
        SinkRecord tombstone = TestRecords.schemaless("k", null);

        assertThat(value("fields", "id=/id").apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void keyVariantProjectsTheKeyAndKeepsTheValue() {
        Project<SinkRecord> project = new Project.Key<>();
        project.configure(Map.of("fields", "tenant=/scope/tenant"));

        SinkRecord output = project.apply(TestRecords.schemaless(Map.of("scope", Map.of("tenant", "acme")), "v"));

        assertThat(asMap(output.key())).containsExactly(Map.entry("tenant", "acme"));
        assertThat(output.value()).isEqualTo("v");
    }

    @Test
    void inputRecordAndHeadersAreNotChanged() {
        Map<String, Object> input = new HashMap<>(orderMap());
        SinkRecord record = TestRecords.schemaless("k", input, Map.of("h", "1"));

        SinkRecord output = value("fields", "id=/id").apply(record);

        assertThat(input).containsKey("secret");
        assertThat(output.headers().lastWithName("h").value()).isEqualTo("1");
    }

    @Test
    void schemalessValueMustBeAMap() {
        assertThatThrownBy(() -> value("fields", "id=/id").apply(TestRecords.schemaless("k", "text")))
                .isInstanceOf(DataException.class);
    }

    @Test
    void badFieldsAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> value()).isInstanceOf(ConfigException.class).hasMessageContaining("fields");
        assertThatThrownBy(() -> value("fields", "")).isInstanceOf(ConfigException.class).hasMessageContaining("fields");
        assertThatThrownBy(() -> value("fields", "id")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fields").hasMessageContaining("not name=/json/pointer");
        assertThatThrownBy(() -> value("fields", "id=id")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fields").hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> value("fields", "id=/a,id=/b")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> value("fields", "id=/id", "missing", "drop")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void validationReportsMissingFieldsByNameInsteadOfFailing() {
        assertThat(ConfigErrors.of(Project.CONFIG_DEF, Map.of("missing", "skip"))).containsOnlyKeys("fields");
    }

    @Test
    void validationReportsEveryMalformedKeyByName() {
        assertThat(ConfigErrors.of(Project.CONFIG_DEF, Map.of("fields", "id", "missing", "zero")))
                .containsOnlyKeys("fields", "missing");
        assertThat(ConfigErrors.of(Project.CONFIG_DEF, Map.of("fields", "id=id"))).containsOnlyKeys("fields");
        assertThat(ConfigErrors.of(Project.CONFIG_DEF, Map.of("fields", "id=/id,city=/address/city"))).isEmpty();
    }
}
