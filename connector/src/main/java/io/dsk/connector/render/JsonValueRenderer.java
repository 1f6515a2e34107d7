package io.dsk.connector.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.dsk.connector.config.DecimalFormat;
import io.dsk.connector.config.TemporalFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * Writes Connect values (Struct, Map, List, primitives, logical types) as JSON without loss, straight
 * into a {@link JsonGenerator}: no intermediate tree.
 *
 * <p>With a schema, the schema decides: logical types follow the configured formats, maps with
 * non-string keys become arrays of {@code {"key":..,"value":..}} pairs. Without a schema (schemaless
 * JSON, or values of unknown origin), the Java type decides. Bytes are base64; non-finite floats,
 * which JSON cannot hold, become the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 * Stateless and thread-safe.
 */
public final class JsonValueRenderer {

    private static final JsonFactory TEXT = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
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
     * Renders a value as JSON text; for tests and rare paths (the per-record path is {@link #write}).
     *
     * @param schema the value's schema, or {@code null} for schemaless values
     * @param value  the value, possibly {@code null}
     * @return the JSON text
     * @throws RenderException if the value does not fit its schema or has an unsupported type
     */
    public String toJson(Schema schema, Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = TEXT.createGenerator(text)) {
            write(generator, schema, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes a value.
     *
     * @param out    where to write it
     * @param schema the value's schema, or {@code null} for schemaless values
     * @param value  the value, possibly {@code null}
     * @throws IOException     if the generator fails
     * @throws RenderException if the value does not fit its schema or has an unsupported type; the
     *                         generator then holds a partial value and must be discarded
     */
    public void write(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (schema == null) {
            writeSchemaless(out, value);
        } else if (schema.name() == null || !writeLogical(out, schema.name(), value)) {
            writeBySchema(out, schema, value);
        }
    }

    private void writeBySchema(JsonGenerator out, Schema schema, Object value) throws IOException {
        switch (schema.type()) {
            case STRUCT:
                writeStruct(out, cast(value, Struct.class, schema));
                break;
            case MAP:
                writeMap(out, schema, cast(value, Map.class, schema));
                break;
            case ARRAY:
                out.writeStartArray();
                for (Object element : cast(value, Collection.class, schema)) {
                    write(out, schema.valueSchema(), element);
                }
                out.writeEndArray();
                break;
            default:
                writeSchemaless(out, value);
        }
    }

    private boolean writeLogical(JsonGenerator out, String logicalName, Object value) throws IOException {
        switch (logicalName) {
            case Decimal.LOGICAL_NAME:
                writeDecimal(out, cast(value, BigDecimal.class, null));
                return true;
            case Date.LOGICAL_NAME:
                writeDate(out, cast(value, java.util.Date.class, null));
                return true;
            case Time.LOGICAL_NAME:
                writeTime(out, cast(value, java.util.Date.class, null));
                return true;
            case Timestamp.LOGICAL_NAME:
                writeTimestamp(out, cast(value, java.util.Date.class, null));
                return true;
            default:
                return false;
        }
    }

    private void writeSchemaless(JsonGenerator out, Object value) throws IOException {
        if (value instanceof String) {
            out.writeString((String) value);
        } else if (value instanceof Map) {
            writeMap(out, null, (Map<?, ?>) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            writeFloating(out, ((Number) value).doubleValue());
        } else if (value instanceof Collection) {
            out.writeStartArray();
            for (Object element : (Collection<?>) value) {
                write(out, null, element);
            }
            out.writeEndArray();
        } else {
            writeOtherSchemaless(out, value);
        }
    }

    private void writeOtherSchemaless(JsonGenerator out, Object value) throws IOException {
        if (value instanceof BigDecimal) {
            writeDecimal(out, (BigDecimal) value);
        } else if (value instanceof BigInteger) {
            out.writeNumber((BigInteger) value);
        } else if (value instanceof byte[]) {
            out.writeString(Base64.getEncoder().encodeToString((byte[]) value));
        } else if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof java.util.Date) {
            writeTimestamp(out, (java.util.Date) value);
        } else if (value instanceof Struct) {
            writeStruct(out, (Struct) value);
        } else {
            throw new RenderException("cannot render a value of Java type " + value.getClass().getName()
                    + " as JSON");
        }
    }

    private void writeStruct(JsonGenerator out, Struct struct) throws IOException {
        out.writeStartObject();
        for (Field field : struct.schema().fields()) {
            out.writeFieldName(field.name());
            write(out, field.schema(), struct.get(field));
        }
        out.writeEndObject();
    }

    private void writeMap(JsonGenerator out, Schema schema, Map<?, ?> map) throws IOException {
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        if (keySchema != null && !keySchema.type().isPrimitive()) {
            out.writeStartArray();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeStartObject();
                out.writeFieldName("key");
                write(out, keySchema, entry.getKey());
                out.writeFieldName("value");
                write(out, valueSchema, entry.getValue());
                out.writeEndObject();
            }
            out.writeEndArray();
            return;
        }
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.writeFieldName(keyText(keySchema, entry.getKey()));
            write(out, valueSchema, entry.getValue());
        }
        out.writeEndObject();
    }

    private String keyText(Schema keySchema, Object key) throws IOException {
        if (key == null) {
            return "null";
        }
        if (key instanceof String) {
            return (String) key;
        }
        String json = toJson(keySchema, key);
        try (JsonParser parser = TEXT.createParser(json)) {
            return parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : json;
        }
    }

    private static void writeFloating(JsonGenerator out, double value) throws IOException {
        if (Double.isNaN(value)) {
            out.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            out.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else {
            out.writeNumber(value);
        }
    }

    private void writeDecimal(JsonGenerator out, BigDecimal value) throws IOException {
        if (decimalFormat == DecimalFormat.NUMBER) {
            out.writeNumber(value);
        } else {
            out.writeString(value.toPlainString());
        }
    }

    private void writeDate(JsonGenerator out, java.util.Date value) throws IOException {
        long days = Math.floorDiv(value.getTime(), TimeUnit.DAYS.toMillis(1));
        if (temporalFormat == TemporalFormat.EPOCH) {
            out.writeNumber(days);
        } else {
            out.writeString(LocalDate.ofEpochDay(days).toString());
        }
    }

    private void writeTime(JsonGenerator out, java.util.Date value) throws IOException {
        long millisOfDay = Math.floorMod(value.getTime(), TimeUnit.DAYS.toMillis(1));
        if (temporalFormat == TemporalFormat.EPOCH) {
            out.writeNumber(millisOfDay);
        } else {
            out.writeString(LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(millisOfDay)).format(TIME));
        }
    }

    void writeTimestamp(JsonGenerator out, java.util.Date value) throws IOException {
        if (temporalFormat == TemporalFormat.EPOCH) {
            out.writeNumber(value.getTime());
        } else {
            out.writeString(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(value.getTime())));
        }
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
