package io.dsk.connector.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** One Kafka broker in this JVM, the real gateway and a Connect worker as processes; tests may add workers. */
final class ItEnvironment implements AutoCloseable {

    final Path dir;
    final String groupId;
    final KafkaClusterTestKit kafka;
    final GatewayProcess gateway;
    final ConnectWorkerProcess worker;
    final ConnectRest rest;
    final StreamReads streams;

    private ItEnvironment(Path dir, String groupId, KafkaClusterTestKit kafka, GatewayProcess gateway,
                          ConnectWorkerProcess worker) {
        this.dir = dir;
        this.groupId = groupId;
        this.kafka = kafka;
        this.gateway = gateway;
        this.worker = worker;
        this.rest = new ConnectRest(worker.restUrl());
        this.streams = new StreamReads(gateway.streamBase());
    }

    static ItEnvironment start(String name) throws Exception {
        return start(name, null);
    }

    /**
     * @param pluginPath when set, the worker loads the connector from this plugin.path instead of its class path
     */
    static ItEnvironment start(String name, Path pluginPath) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it", name + "-" + System.nanoTime()));
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        GatewayProcess gateway = new GatewayProcess(Files.createDirectories(dir.resolve("gateway-data")),
                dir.resolve("gateway.log")).start();
        Path workerDir = Files.createDirectories(dir.resolve("worker"));
        String groupId = "connect-" + name;
        ConnectWorkerProcess worker = new ConnectWorkerProcess(workerDir, kafka.bootstrapServers(), groupId,
                pluginPath).start();
        ItEnvironment environment = new ItEnvironment(dir, groupId, kafka, gateway, worker);
        awaitTrue("the Connect worker's REST API at " + worker.restUrl(), Duration.ofSeconds(120),
                environment.rest::isUp);
        return environment;
    }

    /**
     * @param name names the worker's directory
     * @return a further, not yet started worker in the same Connect cluster (group) as {@link #worker}
     */
    ConnectWorkerProcess anotherWorker(String name) throws IOException {
        return new ConnectWorkerProcess(Files.createDirectories(dir.resolve(name)), kafka.bootstrapServers(), groupId);
    }

    void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get();
        }
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    Map<String, String> connectorConfig(String topics) {
        return new java.util.HashMap<>(Map.of(
                "connector.class", "io.dsk.connector.DurableStreamsSinkConnector",
                "tasks.max", "1",
                "topics", topics,
                "ds.url", gateway.streamBase(),
                "ds.linger.ms", "5",
                "ds.retry.backoff.initial.ms", "50",
                "ds.retry.backoff.max.ms", "1000"));
    }

    /** Waits until the JSON stream at {@code path} holds at least {@code count} messages. */
    void awaitJsonMessages(String path, int count, Duration timeout) throws InterruptedException {
        awaitTrue(count + " messages in stream " + path, timeout, () -> {
            try {
                return streams.jsonMessages(path).size() >= count;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** @return the sum of the offsets the connector's consumer group has committed, over all its partitions */
    long committedRecords(String connector) {
        return committedOffsets(connector).values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the offsets the connector's consumer group has committed, per partition; empty when unknown */
    Map<TopicPartition, Long> committedOffsets(String connector) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> committed = new java.util.TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::toString));
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (ExecutionException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Waits until the connector has committed {@code records} offsets; on time-out says where each partition is. */
    void awaitCommitted(String connector, long records, Duration timeout) throws InterruptedException {
        try {
            awaitTrue(records + " records committed by " + connector, timeout,
                    () -> committedRecords(connector) >= records);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; committed per partition: " + committedOffsets(connector), e);
        }
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    @Override
    public void close() {
        worker.close();
        gateway.close();
        try {
            kafka.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Kafka failed", e);
        }
    }
}
