package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debezium change feed of three tables flows through Kafka, a Connect worker running the packaged
 * DSK plugin with the {@code StateChange} transform, and the gateway; the official
 * {@code @durable-streams/state} package ({@code src/test/state/materialize.mjs}) then materialises
 * the stream, and its rows must equal the rows this test computes from the changes it produced,
 * after a snapshot, inserts, updates, deletes with tombstones, and a second snapshot that reads
 * rows readers already hold.
 */
class StateMaterializationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "db/shop";
    private static final List<String> TABLES = List.of("customers", "orders", "products");
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static QuickstartMain quickstart;
    private static QuickstartMain.Running running;
    private static KafkaProducer<String, String> producer;
    private static ConnectWorkerClient connect;
    private static StreamReads reads;

    private final DebeziumChangeFeed feed = new DebeziumChangeFeed("shop.inventory.");

    @BeforeAll
    static void startStack() throws Exception {
        quickstart = new QuickstartMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        running = quickstart.start(QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--no-sample-data"}));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers()))) {
            admin.createTopics(TABLES.stream().map(t -> new NewTopic("shop.inventory." + t, 3, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        connect = new ConnectWorkerClient(running.connectUrl());
        connect.start("shop-state", connectorConfig(running.gatewayUrl() + "/v1/stream"));
        reads = new StreamReads(running.gatewayUrl() + "/v1/stream");
    }

    @AfterAll
    static void stopStack() {
        if (producer != null) {
            producer.close();
        }
        if (quickstart != null) {
            quickstart.close();
        }
    }

    private static Map<String, String> connectorConfig(String streamRoot) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.dsk.connector.DurableStreamsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", String.join(",", TABLES.stream().map(t -> "shop.inventory." + t).toList()));
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.url", streamRoot);
        config.put("ds.stream.template", STREAM);
        config.put("ds.content.type", "application/json");
        config.put("ds.close.on", "none");
        config.put("transforms", "state");
        config.put("transforms.state.type", "io.dsk.transforms.StateChange");
        config.put("transforms.state.format", "debezium");
        config.put("transforms.state.entity.type", "${value.source.table}");
        config.put("transforms.state.entity.key", "${key.id}");
        return config;
    }

    @Test
    void officialClientMaterialisesSnapshotInsertsUpdatesDeletesAndResnapshot() throws Exception {
        List<ProducerRecord<String, String>> snapshot = new ArrayList<>();
        snapshot.addAll(feed.snapshot("customers", customer(1001, "Sally", "Thomas", "sally.thomas@acme.com")));
        snapshot.addAll(feed.snapshot("customers", customer(1002, "George", "Bailey", "gbailey@foobar.com")));
        snapshot.addAll(feed.snapshot("customers", customer(1003, "Edward", "Walker", "ed@walker.com")));
        snapshot.addAll(feed.snapshot("products", product(101, "scooter", "Small 2-wheel scooter", 3.14)));
        snapshot.addAll(feed.snapshot("products", product(102, "car battery", null, 8.1)));
        snapshot.addAll(feed.snapshot("orders", order(10001, 1001, 102, 1, "shipped")));
        snapshot.addAll(feed.snapshot("orders", order(10002, 1002, 101, 2, "pending")));
        produceAndCompare("snapshot", snapshot);

        List<ProducerRecord<String, String>> inserts = new ArrayList<>();
        inserts.addAll(feed.insert("customers", customer(1004, "Anne", "Kretchmar", "annek@noanswer.org")));
        inserts.addAll(feed.insert("customers", customer(1005, "Zoë", "Ólafsdóttir", "zoe@example.is")));
        inserts.addAll(feed.insert("products", product(103, "12-pack drill bits", "12-pack of drill bits", 0.8)));
        inserts.addAll(feed.insert("orders", order(10003, 1004, 103, 5, "pending")));
        inserts.addAll(feed.insert("orders", order(10004, 1005, 101, 1, "pending")));
        produceAndCompare("inserts", inserts);

        List<ProducerRecord<String, String>> updates = new ArrayList<>();
        updates.addAll(feed.update("customers", 1001, row -> row.put("email", "sally@acme.example")));
        updates.addAll(feed.update("orders", 10002, row -> row.put("status", "shipped")));
        updates.addAll(feed.update("orders", 10002, row -> row.put("status", "delivered")));
        updates.addAll(feed.update("products", 102, row -> row.put("description", "12V car battery")));
        updates.addAll(feed.update("orders", 10003, row -> row.put("quantity", 4).putNull("status")));
        produceAndCompare("updates", updates);

        List<ProducerRecord<String, String>> deletes = new ArrayList<>();
        deletes.addAll(feed.delete("orders", 10001));
        deletes.addAll(feed.delete("customers", 1003));
        deletes.addAll(feed.delete("products", 103));
        deletes.addAll(feed.insert("customers", customer(1003, "Edward", "Walker", "edward.walker@example.com")));
        deletes.addAll(feed.delete("orders", 10004));
        produceAndCompare("deletes", deletes);

        List<ProducerRecord<String, String>> resnapshot = new ArrayList<>();
        resnapshot.addAll(feed.resnapshot("customers", customer(1002, "George", "Bailey", "george@bailey.example")));
        resnapshot.addAll(feed.resnapshot("products", product(101, "scooter", "Small 2-wheel scooter", 3.14)));
        resnapshot.addAll(feed.snapshot("products", product(104, "hammer", "16oz carpenter's hammer", 1.0)));
        produceAndCompare("re-snapshot", resnapshot);

        assertThat(feed.expectedRows().get("orders")).containsOnlyKeys("10002", "10003");
    }

    /** Produces the phase's records, waits until the stream holds every change, then materialises it. */
    private void produceAndCompare(String phase, List<ProducerRecord<String, String>> records) throws Exception {
        for (ProducerRecord<String, String> record : records) {
            producer.send(record);
        }
        producer.flush();

        List<String> operations = feed.expectedOperations();
        StreamReads.Read read = reads.awaitMessages(STREAM, null,
                messages -> messages.size() >= operations.size(), DELIVERY_DEADLINE);
        assertThat(read.status()).as("%s: reading %s: %s", phase, STREAM, read.body()).isEqualTo(200);
        assertThat(read.messages().stream().map(m -> m.path("headers").path("operation").asText()).sorted().toList())
                .as("%s: operations in the stream (tombstones dropped); connector status %s",
                        phase, connect.status("shop-state"))
                .isEqualTo(operations.stream().sorted().toList());

        JsonNode materialised = materialise();
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(feed.expectedRows()));
        for (String view : List.of("streamDb", "materializedState")) {
            JsonNode rows = materialised.get(view);
            assertThat(rows != null && rows.equals(NUMBERS_BY_VALUE, expected))
                    .as("%s: rows of %s%n  expected: %s%n  but were: %s", phase, view, expected, rows).isTrue();
        }
    }

    /**
     * Compares numbers by value and everything else exactly: JavaScript numbers do not keep the
     * difference between {@code 1.0} and {@code 1}, so neither may the comparison.
     */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    private JsonNode materialise() throws Exception {
        Path stateDir = Path.of(System.getProperty("dsk.state.dir", "src/test/state"));
        Path stdout = Files.createTempFile(dataDir, "materialize", ".json");
        Path stderr = Files.createTempFile(dataDir, "materialize", ".err");
        Process node = new ProcessBuilder("node", "materialize.mjs",
                running.gatewayUrl() + "/v1/stream/" + STREAM, String.join(",", TABLES))
                .directory(stateDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean finished = node.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("materialize.mjs finished").isTrue();
        assertThat(node.exitValue()).as("materialize.mjs exit status; stderr: %s", Files.readString(stderr)).isZero();
        return JSON.readTree(stdout.toFile());
    }

    private static ObjectNode customer(int id, String firstName, String lastName, String email) {
        return JSON.createObjectNode().put("id", id).put("first_name", firstName).put("last_name", lastName)
                .put("email", email);
    }

    private static ObjectNode product(int id, String name, String description, double weight) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("description", description)
                .put("weight", weight);
    }

    private static ObjectNode order(int id, int purchaser, int productId, int quantity, String status) {
        return JSON.createObjectNode().put("id", id).put("purchaser", purchaser).put("product_id", productId)
                .put("quantity", quantity).put("status", status);
    }
}
