package io.dsk.transforms;

import static io.dsk.transforms.DebeziumFixtures.SOURCE_TIMESTAMP;
import static io.dsk.transforms.DebeziumFixtures.mapEvent;
import static io.dsk.transforms.DebeziumFixtures.row;
import static io.dsk.transforms.DebeziumFixtures.rowMap;
import static io.dsk.transforms.DebeziumFixtures.structEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class StateChangeTest {

    private static final Map<String, String> DEBEZIUM = Map.of("entity.type", "${value.source.table}",
            "entity.key", "${key.id}");

    private static StateChange<SinkRecord> stateChange(Map<String, String> props) {
        StateChange<SinkRecord> transform = new StateChange<>();
        transform.configure(props);
        return transform;
    }

    private static StateChange<SinkRecord> stateChange(Map<String, String> base, String... extra) {
        Map<String, String> props = new HashMap<>(base);
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return stateChange(props);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(SinkRecord record) {
        assertThat(record.valueSchema()).isNull();
        return (Map<String, Object>) record.value();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> message) {
        return (Map<String, Object>) message.get("headers");
    }

    @Test
    void debeziumCreateWithSchemaIsAnInsertOfTheAfterRow() {
        Map<String, Object> message = message(stateChange(DEBEZIUM)
                .apply(structEvent("c", null, row(1, "Alice", "alice@example.com"), "tx-9")));

        assertThat(message).containsExactly(
                Map.entry("type", "customers"),
                Map.entry("key", "1"),
                Map.entry("value", rowMap(1, "Alice", "alice@example.com")),
                Map.entry("headers", Map.of("operation", "insert", "txid", "tx-9", "timestamp", SOURCE_TIMESTAMP)));
    }

    @Test
    void debeziumSnapshotReadIsAnInsert() {
        Map<String, Object> message = message(stateChange(DEBEZIUM).apply(structEvent("r", null, row(2, "Bob", null), null)));

        assertThat(headers(message)).containsEntry("operation", "insert");
        assertThat(message).doesNotContainKey("old_value");
        assertThat(message.get("value")).isEqualTo(rowMap(2, "Bob", null));
    }

    @Test
    void debeziumUpdateCarriesTheBeforeRowAsOldValue() {
        Map<String, Object> message = message(stateChange(DEBEZIUM).apply(
                structEvent("u", row(1, "Alice", "a@x"), row(1, "Alice", "alice@y"), null)));

        assertThat(message.get("value")).isEqualTo(rowMap(1, "Alice", "alice@y"));
        assertThat(message.get("old_value")).isEqualTo(rowMap(1, "Alice", "a@x"));
        assertThat(headers(message)).containsEntry("operation", "update");
    }

    @Test
    void debeziumUpdateWithoutBeforeImageHasNoOldValue() {
        Map<String, Object> message = message(stateChange(DEBEZIUM).apply(structEvent("u", null, row(1, "A", null), null)));

        assertThat(message).doesNotContainKey("old_value");
    }

    @Test
    void debeziumDeleteOmitsValueAndKeepsTheDeletedRow() {
        Map<String, Object> message = message(stateChange(DEBEZIUM).apply(structEvent("d", row(1, "Alice", "a@x"), null, null)));

        assertThat(message).doesNotContainKey("value");
        assertThat(message.get("old_value")).isEqualTo(rowMap(1, "Alice", "a@x"));
        assertThat(message.get("key")).isEqualTo("1");
        assertThat(headers(message)).containsEntry("operation", "delete");
    }

    @Test
    void postgresTxIdIsTheTxidWhenThereIsNoTransactionBlock() {
        Map<String, Object> message = message(stateChange(DEBEZIUM).apply(structEvent("c", null, row(1, "A", null), null)));

        assertThat(headers(message)).containsEntry("txid", "771");
    }

    @Test
    void schemalessDebeziumEnvelopesGiveTheSameMessages() {
        StateChange<SinkRecord> transform = stateChange(DEBEZIUM);

        assertThat(message(transform.apply(mapEvent("c", null, rowMap(1, "Alice", null)))))
                .isEqualTo(message(transform.apply(structEvent("c", null, row(1, "Alice", null), null))));
        assertThat(message(transform.apply(mapEvent("r", null, rowMap(1, "Alice", null)))).get("headers"))
                .isEqualTo(Map.of("operation", "insert", "txid", "771", "timestamp", SOURCE_TIMESTAMP));
        Map<String, Object> update = message(transform.apply(mapEvent("u", rowMap(1, "A", null), rowMap(1, "B", null))));
        assertThat(update.get("old_value")).isEqualTo(rowMap(1, "A", null));
        assertThat(headers(update)).containsEntry("operation", "update");
        Map<String, Object> delete = message(transform.apply(mapEvent("d", rowMap(1, "B", null), null)));
        assertThat(delete).doesNotContainKey("value").containsEntry("old_value", rowMap(1, "B", null));
        assertThat(headers(delete)).containsEntry("operation", "delete");
    }

    @Test
    void transactionBlockIdWinsOverTheSourceTxIdInSchemalessEnvelopes() {
        SinkRecord event = mapEvent("c", null, rowMap(1, "A", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = (Map<String, Object>) event.value();
        envelope.put("transaction", Map.of("id", "771:3399", "total_order", 1));

        assertThat(headers(message(stateChange(DEBEZIUM).apply(event)))).containsEntry("txid", "771:3399");
    }

    @Test
    void envelopeTimeIsUsedWhenSourceTimeIsAbsentAndOutOfRangeTimesAreLeftOut() {
        Map<String, Object> envelope = new HashMap<>(Map.of("op", "c", "after", rowMap(1, "A", null),
                "source", Map.of("table", "customers"), "ts_ms", 0L));
        Map<String, Object> farFuture = new HashMap<>(envelope);
        farFuture.put("ts_ms", Long.MAX_VALUE);

        assertThat(headers(message(stateChange(DEBEZIUM).apply(TestRecords.schemaless(Map.of("id", 1), envelope)))))
                .containsEntry("timestamp", "1970-01-01T00:00:00Z");
        assertThat(headers(message(stateChange(DEBEZIUM).apply(TestRecords.schemaless(Map.of("id", 1), farFuture)))))
                .doesNotContainKey("timestamp");
    }

    @Test
    void tombstoneAfterDebeziumDeleteIsDroppedByDefault() {
        assertThat(stateChange(DEBEZIUM).apply(DebeziumFixtures.structTombstone(1))).isNull();
    }

    @Test
    void tombstoneCanBeWrittenAsADelete() {
        Map<String, Object> message = message(stateChange(DEBEZIUM, "debezium.tombstones", "delete",
                "entity.type", "customers").apply(DebeziumFixtures.structTombstone(1)));

        assertThat(message).doesNotContainKeys("value", "old_value").containsEntry("key", "1")
                .containsEntry("type", "customers");
        assertThat(headers(message)).containsEntry("operation", "delete");
    }

    @Test
    void tombstonesAsDeletesCannotTakeTheTypeFromTheValue() {
        assertThatThrownBy(() -> stateChange(DEBEZIUM, "debezium.tombstones", "delete"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("debezium.tombstones")
                .hasMessageContaining("must not read ${value...}");
    }

    @Test
    void upsertTombstoneWithValueBasedKeyIsABadRecord() {
        StateChange<SinkRecord> transform = stateChange(Map.of("format", "upsert", "entity.key", "${value.id}"));

        assertThatThrownBy(() -> transform.apply(TestRecords.schemaless(Map.of("id", 1), null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("entity.key");
    }

    @Test
    void truncateAndMessageEventsAreDropped() {
        StateChange<SinkRecord> transform = stateChange(DEBEZIUM);
        Map<String, Object> truncate = new HashMap<>(Map.of("op", "t", "source", Map.of("table", "customers")));
        truncate.put("before", null);
        truncate.put("after", null);

        assertThat(transform.apply(TestRecords.schemaless(Map.of("id", 1), truncate))).isNull();
        truncate.put("op", "m");
        assertThat(transform.apply(TestRecords.schemaless(Map.of("id", 1), truncate))).isNull();
    }

    @Test
    void unknownOpAndCreateWithoutAfterAreBadRecords() {
        StateChange<SinkRecord> transform = stateChange(DEBEZIUM);
        Map<String, Object> envelope = new HashMap<>(Map.of("op", "x", "source", Map.of("table", "customers")));
        envelope.put("after", null);

        assertThatThrownBy(() -> transform.apply(TestRecords.schemaless(Map.of("id", 1), envelope)))
                .isInstanceOf(DataException.class).hasMessageContaining("unknown Debezium op");
        envelope.put("op", "c");
        assertThatThrownBy(() -> transform.apply(TestRecords.schemaless(Map.of("id", 1), envelope)))
                .isInstanceOf(DataException.class).hasMessageContaining("without an 'after' row");
    }

    @Test
    void plainRecordInDebeziumFormatPointsAtTheUpsertFormat() {
        assertThatThrownBy(() -> stateChange(DEBEZIUM).apply(TestRecords.schemaless(Map.of("id", 1), Map.of("name", "A"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a Debezium envelope")
                .hasMessageContaining("format=upsert");
    }

    @Test
    void upsertValueIsAnUpdateByDefaultWithTheRecordTimestamp() {
        SinkRecord record = TestRecords.schemaless("theme", "dark");

        Map<String, Object> message = message(stateChange(Map.of("format", "upsert", "entity.type", "config")).apply(record));

        assertThat(message).containsExactly(
                Map.entry("type", "config"),
                Map.entry("key", "theme"),
                Map.entry("value", "dark"),
                Map.entry("headers", Map.of("operation", "update", "timestamp", "2025-01-15T10:30:00Z")));
    }

    @Test
    void upsertOperationCanBeInsert() {
        Map<String, Object> message = message(stateChange(Map.of("format", "upsert", "upsert.operation", "insert"))
                .apply(TestRecords.schemaless("k", Map.of("a", 1))));

        assertThat(headers(message)).containsEntry("operation", "insert");
        assertThat(message).containsEntry("type", "orders");
    }

    @Test
    void upsertTombstoneIsADelete() {
        Map<String, Object> message = message(stateChange(Map.of("format", "upsert", "entity.type", "user",
                "entity.key", "user:${key}")).apply(TestRecords.schemaless("123", null)));

        assertThat(message).containsEntry("key", "user:123").doesNotContainKey("value");
        assertThat(headers(message)).containsEntry("operation", "delete");
    }

    @Test
    void upsertStructValueBecomesAPlainMapWithReadableLogicalTypes() {
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("price", Decimal.schema(2))
                .field("at", Timestamp.SCHEMA)
                .field("date", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("raw", Schema.BYTES_SCHEMA)
                .build();
        Struct value = new Struct(schema).put("id", 5L).put("price", new BigDecimal("9.99"))
                .put("at", new java.util.Date(1_736_937_000_000L)).put("date", new java.util.Date(1_736_899_200_000L))
                .put("tags", List.of("a", "b")).put("raw", new byte[] {1, 2});

        Map<String, Object> message = message(stateChange(Map.of("format", "upsert", "entity.key", "${value.id}"))
                .apply(TestRecords.withSchema(null, null, schema, value)));

        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) message.get("value");
        assertThat(message).containsEntry("key", "5");
        assertThat(row).containsEntry("price", new BigDecimal("9.99")).containsEntry("at", "2025-01-15T10:30:00Z")
                .containsEntry("date", "2025-01-15").containsEntry("tags", List.of("a", "b"));
        assertThat((byte[]) row.get("raw")).containsExactly(1, 2);
    }

    @Test
    void structKeyWithoutAFieldIsABadRecordNamingEntityKey() {
        assertThatThrownBy(() -> stateChange(Map.of("entity.type", "customers"))
                .apply(structEvent("c", null, row(1, "A", null), null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("entity.key")
                .hasMessageContaining("${key} is a Struct");
    }

    @Test
    void emptyTypeIsABadRecord() {
        assertThatThrownBy(() -> stateChange(Map.of("format", "upsert", "entity.type", "${header.type}"))
                .apply(TestRecords.schemaless("k", "v", Map.of("type", ""))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("entity.type rendered empty");
    }

    @Test
    void keyAndHeadersAreKeptAndTheInputIsNotChanged() {
        SinkRecord input = structEvent("c", null, row(1, "A", null), null);
        input.headers().addString("trace", "t-1");
        Object envelope = input.value();

        SinkRecord output = stateChange(DEBEZIUM).apply(input);

        assertThat(output.headers().lastWithName("trace").value()).isEqualTo("t-1");
        assertThat(output.timestamp()).isEqualTo(input.timestamp());
        assertThat(output.key()).isSameAs(input.key());
        assertThat(output.keySchema()).isSameAs(input.keySchema());
        assertThat(input.value()).isSameAs(envelope);
        assertThat(input.valueSchema()).isSameAs(DebeziumFixtures.ENVELOPE);
    }

    @Test
    void badConfigValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> stateChange(Map.of("entity.type", "${value.source.table")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entity.type");
        assertThatThrownBy(() -> stateChange(Map.of("entity.key", "${id}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entity.key");
        assertThatThrownBy(() -> stateChange(Map.of("format", "avro")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> stateChange(Map.of("upsert.operation", "delete")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upsert.operation");
        assertThatThrownBy(() -> stateChange(Map.of("debezium.tombstones", "keep")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("debezium.tombstones");
    }

    @Test
    void validationReportsEveryMalformedKeyByName() {
        assertThat(ConfigErrors.of(StateChange.CONFIG_DEF, Map.of("entity.type", "${value.source.table",
                "entity.key", "${nope}", "format", "cdc", "upsert.operation", "delete", "debezium.tombstones", "keep")))
                .containsOnlyKeys("entity.type", "entity.key", "format", "upsert.operation", "debezium.tombstones");
        assertThat(ConfigErrors.of(StateChange.CONFIG_DEF, Map.of())).isEmpty();
    }

    @Test
    void validationReportsTombstoneDeletesThatWouldReadTheValue() {
        assertThat(ConfigErrors.of(StateChange.CONFIG_DEF, Map.of("entity.type", "${value.source.table}",
                "debezium.tombstones", "delete")))
                .containsOnlyKeys("debezium.tombstones")
                .hasEntrySatisfying("debezium.tombstones", message -> assertThat(message).contains("entity.type"));
        assertThat(ConfigErrors.of(StateChange.CONFIG_DEF, Map.of("entity.type", "${value.source.table}",
                "debezium.tombstones", "delete", "format", "upsert"))).isEmpty();
    }
}
