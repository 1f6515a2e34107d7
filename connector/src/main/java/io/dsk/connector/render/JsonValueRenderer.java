package io.dsk.connector.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.connector.config.DecimalFormat;
import io.dsk.connector.config.TemporalFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Renders Connect values (Struct, Map, List, primitives, logical types) into JSON without loss.
 *
 * <p>With a schema, the schema decides: logical types follow the configured formats, maps with
 * non-string keys become arrays of {@code {"key":..,"value":..}} pairs. Without a schema (schemaless
 * JSON, or values of unknown origin), the Java type decides. Bytes are base64; non-finite floats,
 * which JSON cannot hold, become the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public final class JsonValueRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final DecimalFormat decimalFormat;
    private final TemporalFormat temporalFormat;

    /**
     * @param decimalFormat  how Decimal values are written
     * @param temporalFormat how Date, Time and Timestamp values are written
     */
    public JsonValueRenderer(DecimalFormat decimalFormat, TemporalFormat temporalFormat) {
        this.decimalFormat = decimalFormat;
        this.temporalFormat = temporalFormat;
    }

    /**
     * Renders a value.
     *
     * @param schema the value's schema, or {@code null} for schemaless values
     * @param value  the value, possibly {@code null}
     * @return the JSON tree
     * @throws RenderException if the value does not fit its schema or has an unsupported type
     */
    public JsonNode render(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (schema == null) {
            return renderSchemaless(value);
        }
        if (schema.name() != null) {
            JsonNode logical = renderLogical(schema.name(), value);
            if (logical != null) {
                return logical;
            }
        }
        switch (schema.type()) {
            case STRUCT:
                return renderStruct(cast(value, Struct.class, schema));
            case MAP:
                return renderMap(schema, cast(value, Map.class, schema));
            case ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (Object element : cast(value, Collection.class, schema)) {
                    array.add(render(schema.valueSchema(), element));
                }
                return array;
            default:
                return renderSchemaless(value);
        }
    }

    private JsonNode renderLogical(String logicalName, Object value) {
        switch (logicalName) {
            case Decimal.LOGICAL_NAME:
                return decimal(cast(value, BigDecimal.class, null));
            case Date.LOGICAL_NAME:
                return date(cast(value, java.util.Date.class, null));
            case Time.LOGICAL_NAME:
                return time(cast(value, java.util.Date.class, null));
            case Timestamp.LOGICAL_NAME:
                return timestamp(cast(value, java.util.Date.class, null));
            default:
                return null;
        }
    }

    private JsonNode renderSchemaless(Object value) {
        if (value instanceof String) {
            return NODES.textNode((String) value);
        }
        if (value instanceof Boolean) {
            return NODES.booleanNode((Boolean) value);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            return floating(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal) {
            return decimal((BigDecimal) value);
        }
        if (value instanceof BigInteger) {
            return NODES.numberNode((BigInteger) value);
        }
        if (value instanceof byte[]) {
            return NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof java.util.Date) {
            return timestamp((java.util.Date) value);
        }
        if (value instanceof Struct) {
            return renderStruct((Struct) value);
        }
        if (value instanceof Map) {
            return renderMap(null, (Map<?, ?>) value);
        }
        if (value instanceof Collection) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (Collection<?>) value) {
                array.add(render(null, element));
            }
            return array;
        }
        throw new RenderException("cannot render a value of Java type " + value.getClass().getName() + " as JSON");
    }

    private JsonNode renderStruct(Struct struct) {
        ObjectNode object = NODES.objectNode();
        for (Field field : struct.schema().fields()) {
            object.set(field.name(), render(field.schema(), struct.get(field)));
        }
        return object;
    }

    private JsonNode renderMap(Schema schema, Map<?, ?> map) {
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        if (keySchema != null && !keySchema.type().isPrimitive()) {
            ArrayNode pairs = NODES.arrayNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                ObjectNode pair = pairs.addObject();
                pair.set("key", render(keySchema, entry.getKey()));
                pair.set("value", render(valueSchema, entry.getValue()));
            }
            return pairs;
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            object.set(keyText(keySchema, entry.getKey()), render(valueSchema, entry.getValue()));
        }
        return object;
    }

    private String keyText(Schema keySchema, Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof String) {
            return (String) key;
        }
        JsonNode rendered = render(keySchema, key);
        return rendered.isTextual() ? rendered.textValue() : rendered.toString();
    }

    private JsonNode floating(double value) {
        if (Double.isNaN(value)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.numberNode(value);
    }

    private JsonNode decimal(BigDecimal value) {
        return decimalFormat == DecimalFormat.NUMBER ? DecimalNode.valueOf(value) : NODES.textNode(value.toPlainString());
    }

    private JsonNode date(java.util.Date value) {
        long days = Math.floorDiv(value.getTime(), TimeUnit.DAYS.toMillis(1));
        if (temporalFormat == TemporalFormat.EPOCH) {
            return NODES.numberNode(days);
        }
        return NODES.textNode(LocalDate.ofEpochDay(days).toString());
    }

    private JsonNode time(java.util.Date value) {
        long millisOfDay = Math.floorMod(value.getTime(), TimeUnit.DAYS.toMillis(1));
        if (temporalFormat == TemporalFormat.EPOCH) {
            return NODES.numberNode(millisOfDay);
        }
        return NODES.textNode(LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(millisOfDay)).format(TIME));
    }

    private JsonNode timestamp(java.util.Date value) {
        if (temporalFormat == TemporalFormat.EPOCH) {
            return NODES.numberNode(value.getTime());
        }
        return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(value.getTime())));
    }

    private static <T> T cast(Object value, Class<T> type, Schema schema) {
        if (!type.isInstance(value)) {
            String expected = schema == null ? type.getSimpleName() : schema.type().toString();
            throw new RenderException("expected a " + expected + " value but got Java type "
                    + value.getClass().getName());
        }
        return type.cast(value);
    }
}
