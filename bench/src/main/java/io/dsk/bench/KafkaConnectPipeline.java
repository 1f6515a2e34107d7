package io.dsk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

/**
 * A real single-node Kafka (KRaft) and a real standalone Connect worker in this process, the worker
 * loading the packaged DSK plugin from its {@code plugin.path}.
 */
public final class KafkaConnectPipeline implements AutoCloseable {

    /** The class of the DSK sink connector, as the packaged plugin registers it. */
    public static final String CONNECTOR_CLASS = "io.dsk.connector.DurableStreamsSinkConnector";

    private final KafkaClusterTestKit kafka;
    private final Connect<StandaloneHerder> connect;
    private final Admin admin;

    private KafkaConnectPipeline(KafkaClusterTestKit kafka, Connect<StandaloneHerder> connect, Admin admin) {
        this.kafka = kafka;
        this.connect = connect;
        this.admin = admin;
    }

    /**
     * Starts the broker and the worker.
     *
     * @param pluginZip the packaged connector plugin
     * @param work a scratch directory
     * @param offsetFlushMillis the worker's {@code offset.flush.interval.ms}
     * @return the running pipeline
     * @throws Exception if either does not start
     */
    public static KafkaConnectPipeline start(Path pluginZip, Path work, long offsetFlushMillis) throws Exception {
        Path pluginPath = Files.createDirectories(work.resolve("plugins"));
        unzip(pluginZip, Files.createDirectories(pluginPath.resolve("dsk-connector")));
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
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", kafka.bootstrapServers());
        worker.put("plugin.path", pluginPath.toAbsolutePath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.storage.file.filename", work.resolve("connect.offsets").toAbsolutePath().toString());
        worker.put("listeners", "http://127.0.0.1:" + freePort());
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "false");
        worker.put("offset.flush.interval.ms", Long.toString(offsetFlushMillis));
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        return new KafkaConnectPipeline(kafka, connect, admin);
    }

    /**
     * Creates {@code topic} and writes every record of {@code layout} in order: one request in flight,
     * so that a record's offset follows from its index, which is checked at the end (a retry after a
     * lost answer could write a batch twice; the check would then fail the round).
     *
     * @return the time taken in nanoseconds
     * @throws IllegalStateException if the partitions do not end where the layout says
     */
    long preload(String topic, RecordLayout layout) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, layout.partitions(), (short) 1))).all()
                .get(30, TimeUnit.SECONDS);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            CompletableFuture<Void> failure = new CompletableFuture<>();
            for (long i = 0; i < layout.records() && !failure.isDone(); i++) {
                int stream = layout.streamOf(i);
                producer.send(new ProducerRecord<>(topic, layout.partitionOf(stream), layout.key(stream),
                        layout.value(i)), (metadata, error) -> {
                            if (error != null) {
                                failure.completeExceptionally(error);
                            }
                        });
            }
            producer.flush();
            if (failure.isDone()) {
                failure.join();
            }
        }
        long took = System.nanoTime() - start;
        checkEndOffsets(topic, layout);
        return took;
    }

    private void checkEndOffsets(String topic, RecordLayout layout) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < layout.partitions(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long total = ends.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        if (total != layout.records()) {
            throw new IllegalStateException(topic + " holds " + total + " records after the pre-load, expected "
                    + layout.records());
        }
    }

    /** The broker's {@code bootstrap.servers}, for clients of its topics. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Creates a connector and waits until the worker has accepted it. */
    public void putConnector(String name, Map<String, String> config) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connect.herder().putConnectorConfig(name, config, false, (error, created) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    /**
     * The default of every option of a connector plugin, as the worker reads it from the plugin's
     * ConfigDef (an option without a default maps to null).
     */
    public Map<String, String> connectorDefaults(String connectorClass) {
        Map<String, String> defaults = new TreeMap<>();
        for (ConfigKeyInfo key : connect.herder().connectorPluginConfig(connectorClass)) {
            defaults.put(key.name(), key.defaultValue());
        }
        return defaults;
    }

    /** Deletes a connector and waits until its tasks have stopped. */
    public void deleteConnector(String name) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connect.herder().deleteConnectorConfig(name, (error, info) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    /** The sum over partitions of the offsets the connector's consumer group has committed. */
    public long committedRecords(String connectorName) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connectorName)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        connect.stop();
        connect.awaitStop();
        kafka.close();
    }

    private static void unzip(Path zipFile, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("zip entry escapes the plugin directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
