package io.dsk.connector.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dsk.connector.config.StreamContentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns one record into the bytes appended for it to a stream of a given content type.
 *
 * <p>JSON content types get one JSON value per record (the bare value, or an envelope with key,
 * selected headers and Kafka coordinates); NDJSON adds a line feed. Text and octet-stream streams get
 * the record's text or bytes unchanged; structured values are written as JSON text there.
 *
 * <p>Records are written by one long-lived generator into one reused buffer, so a record costs only its
 * own bytes. Not thread-safe: each task has its own renderer.
 */
public final class RecordRenderer {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final JsonValueRenderer values;
    private final boolean envelope;
    private final List<String> envelopeHeaders;
    private final boolean parseJsonText;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private final JsonText jsonText = new JsonText(JSON.getFactory());
    private JsonGenerator generator;

    /**
     * @param values          renders Connect values into JSON
     * @param envelope        whether JSON records are wrapped in an envelope
     * @param envelopeHeaders header names copied into the envelope
     * @param parseJsonText   whether JSON text in string and bytes values is embedded as JSON
     */
    public RecordRenderer(JsonValueRenderer values, boolean envelope, List<String> envelopeHeaders,
                          boolean parseJsonText) {
        this.values = values;
        this.envelope = envelope;
        this.envelopeHeaders = List.copyOf(new LinkedHashSet<>(envelopeHeaders));
        this.parseJsonText = parseJsonText;
    }

    /**
     * Renders a record whose value is not null.
     *
     * @param record      the record
     * @param contentType the content type of the record's stream
     * @return the bytes for this record, framed for the content type
     * @throws RenderException if the record cannot be rendered
     */
    public byte[] render(SinkRecord record, StreamContentType contentType) {
        switch (contentType) {
            case JSON:
                return writeJson(record, false);
            case NDJSON:
                return writeJson(record, true);
            default:
                return passthrough(record);
        }
    }

    private byte[] writeJson(SinkRecord record, boolean lineFeed) {
        byte[] embeddable = embeddableJsonText(record, lineFeed);
        if (embeddable != null) {
            return lineFeed ? withLineFeed(embeddable) : embeddable;
        }
        return written(out -> {
            if (envelope) {
                writeEnvelope(out, record);
            } else {
                writeJsonOf(out, record.valueSchema(), record.value());
            }
        }, lineFeed);
    }

    /**
     * A bare String or bytes value that already is JSON text goes in as it is: no tree, no second
     * conversion. Anything else (not JSON, a byte order mark, line breaks in NDJSON) takes the general path,
     * which parses it or writes it as a JSON string.
     */
    private byte[] embeddableJsonText(SinkRecord record, boolean lineFeed) {
        Object value = record.value();
        if (envelope || !parseJsonText || !isPlain(record.valueSchema())
                || !(value instanceof String || value instanceof byte[] || value instanceof ByteBuffer)) {
            return null;
        }
        byte[] text = value instanceof String ? ((String) value).getBytes(StandardCharsets.UTF_8) : bytes(value);
        return jsonText.isEmbeddable(text, lineFeed) ? text : null;
    }

    private static byte[] withLineFeed(byte[] text) {
        byte[] line = Arrays.copyOf(text, text.length + 1);
        line[text.length] = '\n';
        return line;
    }

    /** Something written into the generator. */
    private interface JsonWriting {
        void writeTo(JsonGenerator out) throws IOException;
    }

    private byte[] written(JsonWriting writing, boolean lineFeed) {
        buffer.reset();
        JsonGenerator out = generator();
        try {
            writing.writeTo(out);
            out.flush();
        } catch (IOException e) {
            discardGenerator();
            throw new RenderException("cannot write JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            discardGenerator();
            throw e;
        }
        if (lineFeed) {
            buffer.write('\n');
        }
        return buffer.toByteArray();
    }

    private void writeEnvelope(JsonGenerator out, SinkRecord record) throws IOException {
        out.writeStartObject();
        out.writeFieldName("key");
        writeJsonOf(out, record.keySchema(), record.key());
        out.writeFieldName("value");
        writeJsonOf(out, record.valueSchema(), record.value());
        out.writeObjectFieldStart("headers");
        for (String name : envelopeHeaders) {
            Header header = record.headers().lastWithName(name);
            if (header != null) {
                out.writeFieldName(name);
                writeJsonOf(out, header.schema(), header.value());
            }
        }
        out.writeEndObject();
        out.writeStringField("topic", record.topic());
        out.writeNumberField("partition", record.kafkaPartition());
        out.writeNumberField("offset", record.kafkaOffset());
        out.writeFieldName("timestamp");
        if (record.timestamp() == null) {
            out.writeNull();
        } else {
            values.writeTimestamp(out, new java.util.Date(record.timestamp()));
        }
        out.writeEndObject();
    }

    private void writeJsonOf(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (parseJsonText && value != null && isPlain(schema)) {
            byte[] text = null;
            if (value instanceof String) {
                text = ((String) value).getBytes(StandardCharsets.UTF_8);
            } else if (value instanceof byte[] || value instanceof ByteBuffer) {
                text = bytes(value);
            }
            if (text != null) {
                JsonNode parsed = parseOrNull(text);
                if (parsed != null) {
                    JSON.writeTree(out, parsed);
                    return;
                }
            }
        }
        values.write(out, schema, value);
    }

    private static boolean isPlain(Schema schema) {
        return schema == null || schema.name() == null
                && (schema.type() == Schema.Type.STRING || schema.type() == Schema.Type.BYTES);
    }

    private static JsonNode parseOrNull(byte[] text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] passthrough(SinkRecord record) {
        Object value = record.value();
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return bytes(value);
        }
        return written(out -> values.write(out, record.valueSchema(), value), false);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The generator writes one root value after another into the buffer, with nothing between them. */
    private JsonGenerator generator() {
        if (generator == null) {
            try {
                generator = JSON.getFactory().createGenerator(buffer);
            } catch (IOException e) {
                throw new RenderException("cannot create a JSON generator: " + e.getMessage());
            }
            generator.setRootValueSeparator(null);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        }
        return generator;
    }

    /** After a failed record the generator is mid-value; the next record starts with a fresh one. */
    private void discardGenerator() {
        generator = null;
        buffer.reset();
    }
}
