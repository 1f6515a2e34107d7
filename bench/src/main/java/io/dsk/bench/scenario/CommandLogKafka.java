package io.dsk.bench.scenario;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Three Kafka brokers in the bench JVM (one of them also the KRaft controller) for gateway cluster nodes, whose
 * command log topics they create with the safe defaults: replication factor 3, {@code min.insync.replicas} 2.
 */
final class CommandLogKafka implements AutoCloseable {

    private final KafkaClusterTestKit kafka;

    private CommandLogKafka(KafkaClusterTestKit kafka) {
        this.kafka = kafka;
    }

    static CommandLogKafka start(int brokers) throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(brokers).setNumControllerNodes(1).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new CommandLogKafka(kafka);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The bytes a topic holds on disk, the largest replica of each partition, summed over partitions. */
    long topicBytes(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions().get();
            Map<TopicPartition, Long> largest = new java.util.HashMap<>();
            dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos().forEach(
                    (TopicPartition partition, ReplicaInfo replica) -> {
                        if (partition.topic().equals(topic)) {
                            largest.merge(partition, replica.size(), Math::max);
                        }
                    })));
            return largest.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
