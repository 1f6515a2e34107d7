package io.dsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes Debezium-shaped change events (JSON without schemas, one topic per table, the key holding
 * the {@code id} column) and keeps, independently of anything under test, the rows a reader
 * should see once every event has been applied, and the State Protocol operations they become.
 */
final class DebeziumChangeFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topicPrefix;
    private final Map<String, Map<String, ObjectNode>> rows = new TreeMap<>();
    private final List<String> operations = new ArrayList<>();
    private long clock = 1_735_689_600_000L;
    private long txId = 700;

    /** @param topicPrefix e.g. {@code shop.inventory.}; a table's topic is the prefix and its name */
    DebeziumChangeFeed(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    String topic(String table) {
        return topicPrefix + table;
    }

    /** A row read by the initial snapshot ({@code op=r}). */
    List<ProducerRecord<String, String>> snapshot(String table, ObjectNode row) {
        return List.of(create(table, row, "r"));
    }

    /**
     * A row read again by a later snapshot ({@code op=r} for a key readers already hold, as after a
     * connector restart with {@code snapshot.mode=always} or an incremental snapshot): it replaces
     * the row.
     */
    List<ProducerRecord<String, String>> resnapshot(String table, ObjectNode row) {
        int id = row.path("id").asInt();
        existing(table, id);
        rowsOf(table).put(String.valueOf(id), row.deepCopy());
        operations.add("insert");
        return List.of(record(table, id, envelope(table, null, row, "r")));
    }

    /** A row inserted after the snapshot ({@code op=c}). */
    List<ProducerRecord<String, String>> insert(String table, ObjectNode row) {
        return List.of(create(table, row, "c"));
    }

    /** An update of an existing row ({@code op=u}, with {@code before} as under REPLICA IDENTITY FULL). */
    List<ProducerRecord<String, String>> update(String table, int id, Consumer<ObjectNode> change) {
        ObjectNode before = existing(table, id);
        ObjectNode after = before.deepCopy();
        change.accept(after);
        rowsOf(table).put(String.valueOf(id), after);
        operations.add("update");
        return List.of(record(table, id, envelope(table, before, after, "u")));
    }

    /** A delete ({@code op=d}) followed by its tombstone, as Debezium writes them. */
    List<ProducerRecord<String, String>> delete(String table, int id) {
        ObjectNode before = existing(table, id);
        rowsOf(table).remove(String.valueOf(id));
        operations.add("delete");
        return List.of(record(table, id, envelope(table, before, null, "d")), record(table, id, null));
    }

    /** The rows a reader should see by table, then by key (the {@code id} column as text). */
    Map<String, Map<String, ObjectNode>> expectedRows() {
        return rows;
    }

    /** The operation of every change message the stream should hold, in production order. */
    List<String> expectedOperations() {
        return List.copyOf(operations);
    }

    private ProducerRecord<String, String> create(String table, ObjectNode row, String op) {
        int id = row.path("id").asInt();
        if (rowsOf(table).containsKey(String.valueOf(id))) {
            throw new IllegalArgumentException(table + " already holds a row with id " + id);
        }
        rowsOf(table).put(String.valueOf(id), row.deepCopy());
        operations.add("insert");
        return record(table, id, envelope(table, null, row, op));
    }

    private ObjectNode existing(String table, int id) {
        ObjectNode row = rowsOf(table).get(String.valueOf(id));
        if (row == null) {
            throw new IllegalArgumentException(table + " holds no row with id " + id);
        }
        return row;
    }

    private Map<String, ObjectNode> rowsOf(String table) {
        return rows.computeIfAbsent(table, t -> new TreeMap<>());
    }

    private ObjectNode envelope(String table, JsonNode before, JsonNode after, String op) {
        long tsMs = clock += 1_000;
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("before", before == null ? JSON.nullNode() : before.deepCopy());
        envelope.set("after", after == null ? JSON.nullNode() : after.deepCopy());
        envelope.putObject("source")
                .put("version", "2.7.3.Final")
                .put("connector", "postgresql")
                .put("name", "shop")
                .put("ts_ms", tsMs)
                .put("snapshot", op.equals("r") ? "true" : "false")
                .put("db", "shop")
                .put("schema", "inventory")
                .put("table", table)
                .put("txId", ++txId)
                .put("lsn", txId * 64);
        envelope.put("op", op);
        envelope.put("ts_ms", tsMs + 5);
        return envelope;
    }

    private ProducerRecord<String, String> record(String table, int id, JsonNode value) {
        String key = JSON.createObjectNode().put("id", id).toString();
        return new ProducerRecord<>(topic(table), key, value == null ? null : value.toString());
    }
}
