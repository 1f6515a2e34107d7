package io.dsk.transforms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Debezium PostgreSQL change events for table {@code inventory.customers}, as a converter with
 * schemas (Struct) and without (Map) would deliver them.
 */
final class DebeziumFixtures {

    static final long SOURCE_TS_MS = 1_736_937_000_123L;
    static final String SOURCE_TIMESTAMP = "2025-01-15T10:30:00.123Z";
    static final long TX_ID = 771L;

    static final Schema KEY = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    static final Schema ROW = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").optional()
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("transaction", TRANSACTION)
            .build();

    private DebeziumFixtures() {
    }

    static Struct row(int id, String name, String email) {
        return new Struct(ROW).put("id", id).put("name", name).put("email", email);
    }

    static Map<String, Object> rowMap(int id, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        return row;
    }

    static SinkRecord structEvent(String op, Struct before, Struct after, String transactionId) {
        Struct source = new Struct(SOURCE).put("connector", "postgresql").put("ts_ms", SOURCE_TS_MS)
                .put("schema", "inventory").put("table", "customers").put("txId", TX_ID);
        Struct envelope = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source)
                .put("op", op).put("ts_ms", SOURCE_TS_MS + 50);
        if (transactionId != null) {
            envelope.put("transaction", new Struct(TRANSACTION).put("id", transactionId).put("total_order", 1L));
        }
        Struct key = new Struct(KEY).put("id", after != null ? after.getInt32("id") : before.getInt32("id"));
        return TestRecords.withSchema(KEY, key, ENVELOPE, envelope);
    }

    static SinkRecord mapEvent(String op, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> source = new HashMap<>(Map.of("connector", "postgresql", "ts_ms", SOURCE_TS_MS,
                "schema", "inventory", "table", "customers", "txId", TX_ID));
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", source);
        envelope.put("op", op);
        envelope.put("ts_ms", SOURCE_TS_MS + 50);
        envelope.put("transaction", null);
        Object id = after != null ? after.get("id") : before.get("id");
        return TestRecords.schemaless(Map.of("id", id), envelope);
    }

    static SinkRecord structTombstone(int id) {
        return TestRecords.withSchema(KEY, new Struct(KEY).put("id", id), null, null);
    }
}
