package io.dsk.transforms.state;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;

/**
 * Turns Connect data (Structs, lists, maps, logical types) into plain Java values that any JSON
 * writer renders: {@code Map<String, Object>}, {@code List}, strings, numbers, booleans and
 * {@code byte[]}. Connect's {@code Date} becomes {@code yyyy-MM-dd}, {@code Time} becomes
 * {@code HH:mm:ss.SSS} and any other {@link Date} (Connect's {@code Timestamp}, or schemaless) becomes an RFC 3339
 * UTC timestamp. Decimals stay {@link java.math.BigDecimal}.
 *
 * @since 0.1
 */
public final class SchemalessValues {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private SchemalessValues() {
    }

    /**
     * Converts a Connect value.
     *
     * @param value the value, possibly {@code null}
     * @param schema its schema, or {@code null} for schemaless data
     * @return the plain Java form
     */
    public static Object of(Object value, Schema schema) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                map.put(field.name(), of(struct.get(field), field.schema()));
            }
            return map;
        }
        if (value instanceof List<?> list) {
            Schema elementSchema = schema == null ? null : schema.valueSchema();
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(of(element, elementSchema)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Schema entrySchema = schema == null ? null : schema.valueSchema();
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), of(v, entrySchema)));
            return copy;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        }
        if (value instanceof Date date) {
            return temporal(date, schema == null ? null : schema.name());
        }
        return value;
    }

    private static String temporal(Date date, String logicalName) {
        Instant instant = date.toInstant();
        if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logicalName)) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        if (Time.LOGICAL_NAME.equals(logicalName)) {
            return TIME_OF_DAY.format(instant.atOffset(ZoneOffset.UTC));
        }
        return instant.toString();
    }
}
