package io.dsk.connector.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.config.DecimalFormat;
import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.config.TemporalFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class RecordRendererTest {

    private static final String ORDER = "{\"id\":7,\"items\":[{\"sku\":\"x\",\"qty\":2}],\"paid\":true}";
    private final JsonValueRenderer values = new JsonValueRenderer(DecimalFormat.STRING, TemporalFormat.ISO8601);
    private final RecordRenderer bare = new RecordRenderer(values, false, List.of(), true);

    private static SinkRecord record(SchemaAndValue value) {
        return new SinkRecord("orders", 2, Schema.STRING_SCHEMA, "k1", value.schema(), value.value(), 17, 1_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void theSameJsonWhicheverConverterMadeTheValue() throws Exception {
        JsonConverter withSchemas = new JsonConverter();
        withSchemas.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
        JsonConverter withoutSchemas = new JsonConverter();
        withoutSchemas.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        StringConverter strings = new StringConverter();
        strings.configure(Map.of(), false);
        String enveloped = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"},"
                + "{\"field\":\"items\",\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"sku\",\"type\":\"string\"},{\"field\":\"qty\",\"type\":\"int32\"}]}},"
                + "{\"field\":\"paid\",\"type\":\"boolean\"}]},\"payload\":" + ORDER + "}";
        byte[] raw = ORDER.getBytes(StandardCharsets.UTF_8);

        List<SchemaAndValue> decoded = List.of(
                withSchemas.toConnectData("orders", enveloped.getBytes(StandardCharsets.UTF_8)),
                withoutSchemas.toConnectData("orders", raw),
                strings.toConnectData("orders", raw),
                new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, raw));

        ObjectMapper json = new ObjectMapper();
        for (SchemaAndValue value : decoded) {
            assertThat(json.readTree(bare.render(record(value), StreamContentType.JSON))).isEqualTo(json.readTree(ORDER));
        }
    }

    @Test
    void textThatIsNotJsonBecomesAJsonString() {
        SinkRecord record = record(new SchemaAndValue(Schema.STRING_SCHEMA, "hello world"));

        assertThat(text(bare.render(record, StreamContentType.JSON))).isEqualTo("\"hello world\"");
        assertThat(text(new RecordRenderer(values, false, List.of(), false)
                .render(record(new SchemaAndValue(Schema.STRING_SCHEMA, "{\"a\":1}")), StreamContentType.JSON)))
                .isEqualTo("\"{\\\"a\\\":1}\"");
    }

    @Test
    void ndjsonEndsEachRecordWithALineFeed() {
        SinkRecord record = record(new SchemaAndValue(null, Map.of("a", 1)));

        assertThat(text(bare.render(record, StreamContentType.NDJSON))).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void textAndBytesPassThroughUnchanged() {
        byte[] binary = {0, (byte) 0xff, 10};

        assertThat(text(bare.render(record(new SchemaAndValue(Schema.STRING_SCHEMA, "tok")), StreamContentType.TEXT)))
                .isEqualTo("tok");
        assertThat(bare.render(record(new SchemaAndValue(Schema.BYTES_SCHEMA, binary)), StreamContentType.OCTET_STREAM))
                .containsExactly(binary);
        assertThat(text(bare.render(record(new SchemaAndValue(null, Map.of("a", 1))), StreamContentType.TEXT)))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void theEnvelopeCarriesKeySelectedHeadersAndKafkaCoordinates() {
        RecordRenderer enveloping = new RecordRenderer(values, true, List.of("trace", "absent"), true);
        SinkRecord record = record(new SchemaAndValue(null, Map.of("a", 1)));
        record.headers().addString("trace", "t-1").addString("secret", "s");

        assertThat(text(enveloping.render(record, StreamContentType.JSON))).isEqualTo("{\"key\":\"k1\",\"value\":"
                + "{\"a\":1},\"headers\":{\"trace\":\"t-1\"},\"topic\":\"orders\",\"partition\":2,\"offset\":17,"
                + "\"timestamp\":\"1970-01-01T00:00:01Z\"}");
    }

    @Test
    void batchBodiesAreJsonArraysOrConcatenations() {
        List<byte[]> records = List.of("1".getBytes(StandardCharsets.UTF_8), "[2]".getBytes(StandardCharsets.UTF_8));

        assertThat(text(BatchBody.join(StreamContentType.JSON, records))).isEqualTo("[1,[2]]");
        assertThat(text(BatchBody.join(StreamContentType.TEXT, records))).isEqualTo("1[2]");
    }
    @Test
    void consecutiveRecordsHoldOnlyTheirOwnBytes() {
        SinkRecord first = record(new SchemaAndValue(null, Map.of("a", 1)));
        SinkRecord second = record(new SchemaAndValue(null, List.of("b", 2.5)));

        assertThat(text(bare.render(first, StreamContentType.JSON))).isEqualTo("{\"a\":1}");
        assertThat(text(bare.render(second, StreamContentType.JSON))).isEqualTo("[\"b\",2.5]");
        assertThat(text(bare.render(first, StreamContentType.NDJSON))).isEqualTo("{\"a\":1}\n");
        assertThat(text(bare.render(second, StreamContentType.TEXT))).isEqualTo("[\"b\",2.5]");
    }

    @Test
    void aRecordThatFailsHalfWrittenLeavesNoTraceInTheNext() {
        Map<String, Object> bad = new java.util.LinkedHashMap<>();
        bad.put("ok", 1);
        bad.put("nested", Map.of("x", new Object()));
        SinkRecord good = record(new SchemaAndValue(null, Map.of("a", 1)));

        assertThatThrownBy(() -> bare.render(record(new SchemaAndValue(null, bad)), StreamContentType.JSON))
                .isInstanceOf(RenderException.class).hasMessageContaining("java.lang.Object");
        assertThat(text(bare.render(good, StreamContentType.JSON))).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> bare.render(record(new SchemaAndValue(null, bad)), StreamContentType.TEXT))
                .isInstanceOf(RenderException.class);
        assertThat(text(bare.render(good, StreamContentType.NDJSON))).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void aHeaderNamedTwiceAppearsOnceInTheEnvelope() {
        RecordRenderer enveloping = new RecordRenderer(values, true, List.of("trace", "trace"), true);
        SinkRecord record = record(new SchemaAndValue(null, "{\"a\":1}"));
        record.headers().addString("trace", "t-1");

        assertThat(text(enveloping.render(record, StreamContentType.JSON))).contains("\"headers\":{\"trace\":\"t-1\"}")
                .contains("\"value\":{\"a\":1}");
    }
    @Test
    void jsonTextGoesInUnchangedWhenItIsOneWellFormedValue() {
        String spaced = "{\"a\": 1.50, \"b\": [1, 2]}";
        byte[] bytes = spaced.getBytes(StandardCharsets.UTF_8);

        assertThat(text(bare.render(record(new SchemaAndValue(Schema.STRING_SCHEMA, spaced)), StreamContentType.JSON)))
                .isEqualTo(spaced);
        assertThat(bare.render(record(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, bytes)), StreamContentType.JSON))
                .isSameAs(bytes);
        assertThat(text(bare.render(record(new SchemaAndValue(null, spaced)), StreamContentType.NDJSON)))
                .isEqualTo(spaced + "\n");
    }

    @Test
    void jsonTextThatCannotGoInUnchangedIsStillEmbeddedOrQuoted() {
        String pretty = "{\n  \"a\": 1\n}";
        String duplicate = "{\"a\":1,\"a\":2}";

        assertThat(text(bare.render(record(new SchemaAndValue(Schema.STRING_SCHEMA, pretty)), StreamContentType.NDJSON)))
                .isEqualTo("{\"a\":1}\n");
        assertThat(text(bare.render(record(new SchemaAndValue(Schema.STRING_SCHEMA, duplicate)), StreamContentType.JSON)))
                .isEqualTo("\"{\\\"a\\\":1,\\\"a\\\":2}\"");
        assertThat(text(bare.render(record(new SchemaAndValue(Schema.STRING_SCHEMA, "{} {}")), StreamContentType.JSON)))
                .isEqualTo("\"{} {}\"");
        assertThat(text(new RecordRenderer(values, true, List.of(), true)
                .render(record(new SchemaAndValue(Schema.STRING_SCHEMA, "{\"a\": 1}")), StreamContentType.JSON)))
                .startsWith("{\"key\":\"k1\",\"value\":{\"a\":1},");
    }
}
