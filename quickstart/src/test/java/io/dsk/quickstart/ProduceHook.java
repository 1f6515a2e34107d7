package io.dsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lets a Node test produce to Kafka: {@code POST /produce} on a loopback port with a JSON array of
 * {@code {topic, key, value}} produces them in order and answers 204 once Kafka acknowledged them
 * all. A key or value that is not a string is sent as its JSON text; a missing or null value is a
 * tombstone. Runs on the JDK's HTTP server thread.
 */
final class ProduceHook implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;
    private final HttpServer server;

    private ProduceHook(KafkaProducer<String, String> producer, HttpServer server) {
        this.producer = producer;
        this.server = server;
    }

    static ProduceHook start(String bootstrapServers) throws IOException {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ProduceHook hook = new ProduceHook(producer, server);
        server.createContext("/produce", hook::produce);
        server.start();
        return hook;
    }

    /** The URL the Node test posts to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/produce";
    }

    private void produce(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode records = JSON.readTree(exchange.getRequestBody());
            for (JsonNode r : records) {
                producer.send(new ProducerRecord<>(r.path("topic").asText(), text(r.get("key")), text(r.get("value"))));
            }
            producer.flush();
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            byte[] reason = e.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, reason.length);
            exchange.getResponseBody().write(reason);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
