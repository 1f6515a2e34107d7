package io.dsk.transforms.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dsk.transforms.record.RecordReference;
import io.dsk.transforms.record.ScalarText;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The parts of a Debezium change event envelope that a change message needs, read alike from a
 * Struct (a converter with schemas) or a Map (schemaless JSON): {@code op}, {@code before},
 * {@code after}, the change time ({@code source.ts_ms}, else {@code ts_ms}) and the transaction
 * id ({@code transaction.id}, else {@code source.txId}).
 *
 * @param op the operation code: {@code c}, {@code r}, {@code u}, {@code d}, {@code t} or {@code m}
 * @param before the row before the change, in plain Java form, or {@code null}
 * @param after the row after the change, in plain Java form, or {@code null}
 * @param changedAt when the change happened, or {@code null}
 * @param txid the transaction id, or {@code null}
 * @since 0.1
 */
public record DebeziumEnvelope(String op, Object before, Object after, Instant changedAt, String txid) {

    /**
     * Reads an envelope.
     *
     * @param value a record value
     * @return the envelope, or {@code null} if the value has no string {@code op} or has neither
     *     {@code before} nor {@code after}
     */
    public static DebeziumEnvelope read(Object value) {
        if (!(value instanceof Struct) && !(value instanceof Map)) {
            return null;
        }
        if (!(RecordReference.walk(value, List.of("op")) instanceof String op) || !hasRowField(value)) {
            return null;
        }
        return new DebeziumEnvelope(op, row(value, "before"), row(value, "after"), changedAt(value), txid(value));
    }

    private static boolean hasRowField(Object value) {
        if (value instanceof Struct struct) {
            return struct.schema().field("before") != null || struct.schema().field("after") != null;
        }
        Map<?, ?> map = (Map<?, ?>) value;
        return map.containsKey("before") || map.containsKey("after");
    }

    private static Object row(Object envelope, String name) {
        Object row = RecordReference.walk(envelope, List.of(name));
        Schema schema = envelope instanceof Struct struct && struct.schema().field(name) != null
                ? struct.schema().field(name).schema() : null;
        return SchemalessValues.of(row, schema);
    }

    private static Instant changedAt(Object envelope) {
        Object millis = RecordReference.walk(envelope, List.of("source", "ts_ms"));
        if (!(millis instanceof Number)) {
            millis = RecordReference.walk(envelope, List.of("ts_ms"));
        }
        return millis instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : null;
    }

    private static String txid(Object envelope) {
        String id = ScalarText.of(RecordReference.walk(envelope, List.of("transaction", "id")));
        if (id == null || id.isEmpty()) {
            id = ScalarText.of(RecordReference.walk(envelope, List.of("source", "txId")));
        }
        return id == null || id.isEmpty() ? null : id;
    }
}
