package io.dsk.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confluent-format Avro end to end: records framed as Confluent's serializer frames them (magic byte 0, the
 * 4-byte schema id of a real registry's Confluent-compatible API, Avro binary) → a Connect worker whose
 * converter turns them into Structs → the connector → the real gateway → a catch-up read and an SSE read.
 * The stream must read exactly as it does for the same record sent through {@code JsonConverter} with schemas.
 */
class AvroConverterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String AVRO_TOPIC = "avro-orders";
    private static final String JSON_TOPIC = "json-orders";
    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "io.dsk.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "name", "type": "string"},
                {"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["BASIC", "GOLD"]}}]}},
              {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "placedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "signature", "type": "bytes"}]}
            """);
    /** The same shape as Connect's JSON schema, for JsonConverter with schemas enabled. */
    private static final String ORDER_CONNECT_SCHEMA = """
            {"type": "struct", "name": "io.dsk.it.Order", "fields": [
              {"field": "id", "type": "int64"},
              {"field": "customer", "type": "struct", "fields": [
                {"field": "name", "type": "string"}, {"field": "tier", "type": "string"}]},
              {"field": "total", "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal",
               "parameters": {"scale": "2"}},
              {"field": "placedAt", "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp"},
              {"field": "tags", "type": "array", "items": {"type": "string"}},
              {"field": "note", "type": "string", "optional": true},
              {"field": "signature", "type": "bytes"}]}
            """;

    private static SchemaRegistryProcess registry;
    private static ItEnvironment env;

    /** One order, written in each of the formats under test. */
    private record Order(long id, String customer, String tier, BigDecimal total, Instant placedAt, List<String> tags,
                         String note, byte[] signature) {

        GenericRecord avro() {
            Schema customerSchema = ORDER.getField("customer").schema();
            GenericRecord customerRecord = new GenericData.Record(customerSchema);
            customerRecord.put("name", customer);
            customerRecord.put("tier", new GenericData.EnumSymbol(customerSchema.getField("tier").schema(), tier));
            GenericRecord order = new GenericData.Record(ORDER);
            order.put("id", id);
            order.put("customer", customerRecord);
            order.put("total", ByteBuffer.wrap(total.unscaledValue().toByteArray()));
            order.put("placedAt", placedAt.toEpochMilli());
            order.put("tags", new GenericData.Array<>(ORDER.getField("tags").schema(), tags));
            order.put("note", note);
            order.put("signature", ByteBuffer.wrap(signature));
            return order;
        }

        String jsonWithSchema() throws IOException {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", id);
            payload.put("customer", Map.of("name", customer, "tier", tier));
            payload.put("total", Base64.getEncoder().encodeToString(total.unscaledValue().toByteArray()));
            payload.put("placedAt", placedAt.toEpochMilli());
            payload.put("tags", tags);
            payload.put("note", note);
            payload.put("signature", Base64.getEncoder().encodeToString(signature));
            return "{\"schema\": " + ORDER_CONNECT_SCHEMA + ", \"payload\": " + JSON.writeValueAsString(payload) + "}";
        }
    }

    private static final List<Order> ORDERS = List.of(
            new Order(1, "Ada", "GOLD", new BigDecimal("12.30"), Instant.parse("2024-05-01T12:34:56.789Z"),
                    List.of("gift", "express"), "leave at the door", new byte[] {0, 1, 2, (byte) 0xff}),
            new Order(2, "Linus", "BASIC", new BigDecimal("-0.05"), Instant.parse("2025-01-01T00:00:00Z"),
                    List.of(), null, new byte[0]),
            new Order(3, "Grace", "GOLD", new BigDecimal("99999999.99"), Instant.parse("1969-12-31T23:59:59.999Z"),
                    List.of("Ünïcode ✓"), "", "x".getBytes(StandardCharsets.UTF_8)));

    /** What the connector must write for {@link #ORDERS}, by its documented JSON rendering. */
    private static final String EXPECTED = """
            [{"id": 1, "customer": {"name": "Ada", "tier": "GOLD"}, "total": "12.30",
              "placedAt": "2024-05-01T12:34:56.789Z", "tags": ["gift", "express"], "note": "leave at the door",
              "signature": "AAEC/w=="},
             {"id": 2, "customer": {"name": "Linus", "tier": "BASIC"}, "total": "-0.05",
              "placedAt": "2025-01-01T00:00:00Z", "tags": [], "note": null, "signature": ""},
             {"id": 3, "customer": {"name": "Grace", "tier": "GOLD"}, "total": "99999999.99",
              "placedAt": "1969-12-31T23:59:59.999Z", "tags": ["Ünïcode ✓"], "note": "", "signature": "eA=="}]
            """;

    @BeforeAll
    static void start() throws Exception {
        registry = new SchemaRegistryProcess(Path.of("target", "it", "schema-registry-" + System.nanoTime() + ".log"))
                .start();
        env = ItEnvironment.start("avro");
        registry.awaitReady(Duration.ofSeconds(120));
        env.createTopics(1, AVRO_TOPIC, JSON_TOPIC);
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Apicurio's serde settings for Confluent-compatible mode: no headers, 4-byte content ids after byte 0. */
    private static Map<String, String> confluentCompatible(String prefix) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(prefix + "apicurio.registry.url", registry.registryApi());
        config.put(prefix + "apicurio.registry.as-confluent", "true");
        config.put(prefix + "apicurio.registry.use-id", "contentId");
        config.put(prefix + "apicurio.registry.headers.enabled", "false");
        return config;
    }

    @Test
    void confluentAvroReadsLikeJsonWithSchemasOverCatchUpAndSse() throws Exception {
        Map<String, String> avroConnector = env.connectorConfig(AVRO_TOPIC);
        avroConnector.put("ds.stream.template", "orders/avro");
        avroConnector.put("value.converter", "io.apicurio.registry.utils.converter.AvroConverter");
        avroConnector.putAll(confluentCompatible("value.converter."));
        env.rest.putConnector("avro-orders", avroConnector);
        Map<String, String> jsonConnector = env.connectorConfig(JSON_TOPIC);
        jsonConnector.put("ds.stream.template", "orders/json");
        jsonConnector.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        jsonConnector.put("value.converter.schemas.enable", "true");
        env.rest.putConnector("json-orders", jsonConnector);
        List<byte[]> jsonValues = new ArrayList<>();
        for (Order order : ORDERS) {
            jsonValues.add(order.jsonWithSchema().getBytes(StandardCharsets.UTF_8));
        }
        send(AVRO_TOPIC, confluentAvroValues());
        send(JSON_TOPIC, jsonValues);

        env.awaitJsonMessages("orders/avro", ORDERS.size(), WAIT);
        env.awaitJsonMessages("orders/json", ORDERS.size(), WAIT);
        List<JsonNode> expected = new ArrayList<>();
        JSON.readTree(EXPECTED).forEach(expected::add);
        List<JsonNode> avroCatchUp = env.streams.jsonMessages("orders/avro");
        assertThat(avroCatchUp).as("catch-up read of the Avro stream").containsExactlyElementsOf(expected);
        assertThat(env.streams.jsonMessages("orders/json")).as("catch-up read of the JSON-with-schemas stream")
                .containsExactlyElementsOf(avroCatchUp);
        assertThat(env.streams.sseJsonMessages("orders/avro")).as("SSE read of the Avro stream")
                .containsExactlyElementsOf(expected);
    }

    /**
     * The first orders serialized by Apicurio's serializer in Confluent-compatible mode, which registers the
     * schema; the last framed as Confluent's serializer frames it, with the id that registering the same schema
     * through the Confluent-compatible API returns. Both must carry that id.
     */
    private static List<byte[]> confluentAvroValues() throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>()) {
            Map<String, Object> config = new LinkedHashMap<>(confluentCompatible(""));
            config.put("apicurio.registry.auto-register", "true");
            serializer.configure(config, false);
            for (Order order : ORDERS.subList(0, ORDERS.size() - 1)) {
                values.add(serializer.serialize(AVRO_TOPIC, order.avro()));
            }
        }
        int schemaId = registerThroughConfluentApi(AVRO_TOPIC + "-value", ORDER);
        for (byte[] value : values) {
            assertThat(value[0]).as("Confluent magic byte").isZero();
            assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id of the Confluent-compatible API")
                    .isEqualTo(schemaId);
        }
        values.add(confluentFrame(schemaId, ORDERS.get(ORDERS.size() - 1).avro()));
        return values;
    }

    /** Registers a schema as Confluent's serializer does, under a TopicNameStrategy subject; returns its id. */
    private static int registerThroughConfluentApi(String subject, Schema schema) throws Exception {
        String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry.confluentApi() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("registering %s: %s", subject, response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asInt();
    }

    /** The Confluent wire format: magic byte 0, the schema id as 4 big-endian bytes, the Avro binary datum. */
    private static byte[] confluentFrame(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void send(String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }
    }
}
