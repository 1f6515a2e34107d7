package io.dsk.connector.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.connector.config.StreamContentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        this.envelopeHeaders = List.copyOf(envelopeHeaders);
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
                return write(json(record));
            case NDJSON:
                byte[] line = write(json(record));
                byte[] framed = new byte[line.length + 1];
                System.arraycopy(line, 0, framed, 0, line.length);
                framed[line.length] = '\n';
                return framed;
            default:
                return passthrough(record.valueSchema(), record.value());
        }
    }

    private JsonNode json(SinkRecord record) {
        JsonNode value = jsonOf(record.valueSchema(), record.value());
        if (!envelope) {
            return value;
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("key", jsonOf(record.keySchema(), record.key()));
        wrapped.set("value", value);
        ObjectNode headers = wrapped.putObject("headers");
        for (String name : envelopeHeaders) {
            Header header = record.headers().lastWithName(name);
            if (header != null) {
                headers.set(name, jsonOf(header.schema(), header.value()));
            }
        }
        wrapped.put("topic", record.topic());
        wrapped.put("partition", record.kafkaPartition());
        wrapped.put("offset", record.kafkaOffset());
        if (record.timestamp() == null) {
            wrapped.putNull("timestamp");
        } else {
            wrapped.set("timestamp", values.render(org.apache.kafka.connect.data.Timestamp.SCHEMA,
                    new java.util.Date(record.timestamp())));
        }
        return wrapped;
    }

    private JsonNode jsonOf(Schema schema, Object value) {
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
                    return parsed;
                }
            }
        }
        return values.render(schema, value);
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

    private byte[] passthrough(Schema schema, Object value) {
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return bytes(value);
        }
        return write(values.render(schema, value));
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

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new RenderException("cannot write JSON: " + e.getOriginalMessage());
        }
    }
}
