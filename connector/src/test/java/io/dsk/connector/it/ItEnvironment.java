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

/**
 * One Kafka broker in this JVM, the real gateway (or several gateway nodes in cluster mode behind a round-robin
 * load balancer) and a Connect worker as processes; tests may add workers.
 */
final class ItEnvironment implements AutoCloseable {

    /** The command log topic of {@link #startCluster}. */
    static final String CLUSTER_TOPIC = "dsk.log";

    final Path dir;
    final String groupId;
    final KafkaClusterTestKit kafka;
    /** The only gateway, or the first node of a cluster. */
    final GatewayProcess gateway;
    /** Every gateway: one, or each node of a cluster. */
    final List<GatewayProcess> gateways;
    final ConnectWorkerProcess worker;
    final ConnectRest rest;
    /** Reads through the URL the connector writes to: the gateway, or the load balancer of a cluster. */
    final StreamReads streams;
    private final RoundRobinProxy balancer;
    private final String streamBase;

    private ItEnvironment(Path dir, String groupId, KafkaClusterTestKit kafka, List<GatewayProcess> gateways,
                          RoundRobinProxy balancer, ConnectWorkerProcess worker) {
        this.dir = dir;
        this.groupId = groupId;
        this.kafka = kafka;
        this.gateways = List.copyOf(gateways);
        this.gateway = gateways.get(0);
        this.balancer = balancer;
        this.worker = worker;
        this.rest = new ConnectRest(worker.restUrl());
        this.streamBase = balancer == null ? gateway.streamBase() : balancer.streamBase();
        this.streams = new StreamReads(streamBase);
    }

    static ItEnvironment start(String name) throws Exception {
        return start(name, (Path) null);
    }

    /**
     * @param pluginPath when set, the worker loads the connector from this plugin.path instead of its class path
     */
    static ItEnvironment start(String name, Path pluginPath) throws Exception {
        return start(name, pluginPath, List.of());
    }

    /**
     * @param gatewayArgs further gateway options, e.g. {@code --subscriptions-allow-loopback-webhooks}
     */
    static ItEnvironment start(String name, List<String> gatewayArgs) throws Exception {
        return start(name, null, gatewayArgs, List.of());
    }

    /**
     * @param pluginPath       when set, the worker loads the connector from this plugin.path instead of its class path
     * @param workerJvmOptions further options of the worker's JVM (e.g. a {@code -javaagent})
     */
    static ItEnvironment start(String name, Path pluginPath, List<String> workerJvmOptions) throws Exception {
        return start(name, pluginPath, List.of(), workerJvmOptions);
    }

    private static ItEnvironment start(String name, Path pluginPath, List<String> gatewayArgs,
                                       List<String> workerJvmOptions) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it", name + "-" + System.nanoTime()));
        KafkaClusterTestKit kafka = startKafka();
        GatewayProcess gateway = new GatewayProcess(Files.createDirectories(dir.resolve("gateway-data")),
                dir.resolve("gateway.log"), gatewayArgs).start();
        return startWorker(name, pluginPath, workerJvmOptions, dir, kafka, List.of(gateway), null);
    }

    /**
     * Starts {@code nodes} gateways in cluster mode on the command log topic {@link #CLUSTER_TOPIC} of this
     * environment's single broker (so replication factor 1 and min.insync.replicas 1), each with its own data
     * directory, and a round-robin load balancer in front of them that the connector writes to.
     */
    static ItEnvironment startCluster(String name, int nodes) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it", name + "-" + System.nanoTime()));
        KafkaClusterTestKit kafka = startKafka();
        List<GatewayProcess> gateways = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            GatewayProcess node = new GatewayProcess(Files.createDirectories(dir.resolve("node-" + i + "-data")),
                    dir.resolve("node-" + i + ".log"), List.of(
                    "--cluster-bootstrap-servers", kafka.bootstrapServers(), "--cluster-topic", CLUSTER_TOPIC,
                    "--node-id", "n" + i, "--cluster-replication-factor", "1", "--cluster-min-insync-replicas", "1",
                    "--shutdown-grace", "1s"));
            gateways.add(node.start().awaitReady(Duration.ofSeconds(90)));
        }
        RoundRobinProxy balancer = RoundRobinProxy.start(gateways.stream().map(GatewayProcess::origin).toList());
        return startWorker(name, null, List.of(), dir, kafka, gateways, balancer);
    }

    private static KafkaClusterTestKit startKafka() throws Exception {
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
        return kafka;
    }

    private static ItEnvironment startWorker(String name, Path pluginPath, List<String> workerJvmOptions, Path dir,
                                             KafkaClusterTestKit kafka, List<GatewayProcess> gateways,
                                             RoundRobinProxy balancer) throws Exception {
        Path workerDir = Files.createDirectories(dir.resolve("worker"));
        String groupId = "connect-" + name;
        ConnectWorkerProcess worker = new ConnectWorkerProcess(workerDir, kafka.bootstrapServers(), groupId,
                pluginPath, workerJvmOptions).start();
        ItEnvironment environment = new ItEnvironment(dir, groupId, kafka, gateways, balancer, worker);
        awaitTrue("the Connect worker's REST API at " + worker.restUrl(), Duration.ofSeconds(120),
                environment.rest::isUp);
        return environment;
    }

    /** @return reads straight from gateway {@code i}, bypassing any load balancer */
    StreamReads streamsOn(int i) {
        return new StreamReads(gateways.get(i).streamBase());
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
                "ds.url", streamBase,
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
        if (balancer != null) {
            balancer.close();
        }
        gateways.forEach(GatewayProcess::close);
        try {
            kafka.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Kafka failed", e);
        }
    }
}
