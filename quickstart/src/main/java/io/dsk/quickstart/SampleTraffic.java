package io.dsk.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Realistic sample records for the three quickstart use cases, produced at a pace a person can
 * watch: LLM answers token by token, a Debezium-shaped customers table changing, and jobs
 * reporting progress until they finish.
 */
final class SampleTraffic implements AutoCloseable {

    static final String TOKENS_TOPIC = "ai.tokens";
    static final String CUSTOMERS_TOPIC = "dbserver.inventory.customers";
    static final String JOBS_TOPIC = "jobs.progress";
    static final List<String> TOPICS = List.of(TOKENS_TOPIC, CUSTOMERS_TOPIC, JOBS_TOPIC);
    private static final String NEXT_CUSTOMER_ID = "next.customer.id";
    private static final String LIVE_CUSTOMERS = "customers";

    private static final List<String> ANSWERS = List.of(
            "Kafka keeps an ordered, durable log per partition, so a consumer can always resume from its offset.",
            "Durable Streams gives the browser the same guarantee: read from any offset, then tail live.",
            "A reload is just a read from the last offset you saw, so nothing is shown twice and nothing is lost.",
            "Closing a stream tells every reader that the answer is complete, which is exactly EOF.");
    private static final List<String> NAMES = List.of(
            "Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov",
            "Leslie Lamport", "Margaret Hamilton", "Donald Knuth", "Frances Allen", "John Backus");

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dsk-sample-traffic");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    private final String runId = Long.toString(System.currentTimeMillis() / 1000 % 100_000, 36);
    private final List<Integer> customers = new ArrayList<>();
    private int conversations;
    private int jobs;
    private final Path idsFile;
    private int nextCustomerId = 1;

    /**
     * @param bootstrapServers the Kafka cluster
     * @param idsFile where the next customer id and the live customers are kept, so a restart goes
     *     on with new ids instead of inserting the same customers again
     * @throws IOException if {@code idsFile} exists but cannot be read
     */
    SampleTraffic(String bootstrapServers, Path idsFile) throws IOException {
        this.idsFile = idsFile;
        Properties ids = DataDirectory.read(idsFile);
        nextCustomerId = Integer.parseInt(ids.getProperty(NEXT_CUSTOMER_ID, "1").trim());
        for (String id : ids.getProperty(LIVE_CUSTOMERS, "").split(",")) {
            if (!id.isBlank()) {
                customers.add(Integer.parseInt(id.trim()));
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props);
    }

    /** Starts producing in the background until {@link #close()}. */
    void start() {
        scheduler.scheduleWithFixedDelay(this::startConversation, 0, 8, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::changeCustomers, 500, 1500, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::startJob, 1, 12, TimeUnit.SECONDS);
    }

    private void startConversation() {
        String conversation = "c-" + runId + "-" + (++conversations);
        String[] tokens = ANSWERS.get(random.nextInt(ANSWERS.size())).split("(?<= )");
        for (int i = 0; i < tokens.length; i++) {
            boolean last = i == tokens.length - 1;
            ObjectNode value = json.createObjectNode()
                    .put("conversation", conversation).put("index", i).put("token", tokens[i]);
            if (last) {
                value.put("finish_reason", "stop");
            }
            long delayMs = 80L * i + random.nextInt(40);
            scheduler.schedule(() -> send(TOKENS_TOPIC, conversation, value), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void changeCustomers() {
        long now = System.currentTimeMillis();
        int roll = random.nextInt(10);
        if (customers.size() < 4 || roll < 5) {
            int id = nextCustomerId++;
            customers.add(id);
            saveIds();
            send(CUSTOMERS_TOPIC, key(id), debezium("c", null, customer(id, 0), now));
        } else if (roll < 9) {
            int id = customers.get(random.nextInt(customers.size()));
            int visits = random.nextInt(1000);
            send(CUSTOMERS_TOPIC, key(id), debezium("u", customer(id, visits - 1), customer(id, visits), now));
        } else {
            Integer id = customers.remove(random.nextInt(customers.size()));
            saveIds();
            send(CUSTOMERS_TOPIC, key(id), debezium("d", customer(id, 0), null, now));
            send(CUSTOMERS_TOPIC, key(id), null);
        }
    }

    /** Saved before the change is sent: a killed run may skip an id, never reuse one. */
    private void saveIds() {
        Properties ids = new Properties();
        ids.setProperty(NEXT_CUSTOMER_ID, Integer.toString(nextCustomerId));
        ids.setProperty(LIVE_CUSTOMERS, String.join(",", customers.stream().map(String::valueOf).toList()));
        try {
            DataDirectory.write(idsFile, ids, "ids of the quickstart's sample customers");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the sample customer ids to " + idsFile, e);
        }
    }

    private void startJob() {
        String job = "job-" + runId + "-" + (++jobs);
        for (int step = 0; step <= 10; step++) {
            int percent = step * 10;
            String status = step < 10 ? "running" : (random.nextInt(5) == 0 ? "failed" : "succeeded");
            ObjectNode value = json.createObjectNode()
                    .put("job", job).put("percent", percent).put("status", status)
                    .put("message", step < 10 ? "processed " + percent + "% of the batch" : "finished: " + status);
            scheduler.schedule(() -> send(JOBS_TOPIC, job, value), 700L * step, TimeUnit.MILLISECONDS);
        }
    }

    private String key(int id) {
        return json.createObjectNode().put("id", id).toString();
    }

    private ObjectNode customer(int id, int visits) {
        String name = NAMES.get(id % NAMES.size());
        return json.createObjectNode()
                .put("id", id)
                .put("name", name)
                .put("email", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com")
                .put("visits", Math.max(0, visits));
    }

    private ObjectNode debezium(String op, ObjectNode before, ObjectNode after, long tsMs) {
        ObjectNode envelope = json.createObjectNode();
        envelope.set("before", before);
        envelope.set("after", after);
        envelope.set("source", json.valueToTree(Map.of(
                "connector", "postgresql", "db", "inventory", "schema", "public",
                "table", "customers", "ts_ms", tsMs)));
        envelope.put("op", op);
        envelope.put("ts_ms", tsMs);
        return envelope;
    }

    private void send(String topic, String key, Object value) {
        producer.send(new ProducerRecord<>(topic, key, value == null ? null : value.toString()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close();
    }
}
