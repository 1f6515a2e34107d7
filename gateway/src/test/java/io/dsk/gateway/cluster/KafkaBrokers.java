package io.dsk.gateway.cluster;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** Kafka brokers and one KRaft controller in this JVM, for cluster-mode tests. */
public final class KafkaBrokers implements AutoCloseable {

    private final KafkaClusterTestKit kit;

    private KafkaBrokers(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Starts {@code count} brokers and waits until they are ready. */
    public static KafkaBrokers start(int count) throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(count).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", Integer.toString(Math.min(3, count)))
                .setConfigProp("transaction.state.log.replication.factor", Integer.toString(Math.min(3, count)))
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new KafkaBrokers(kit);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The broker ids. */
    public java.util.Set<Integer> ids() {
        return kit.brokers().keySet();
    }

    /** Stops one broker at once, without moving its partitions away first. */
    public void stop(int id) {
        kit.brokers().get(id).shutdown();
    }

    /** Starts a stopped broker again. */
    public void restart(int id) throws Exception {
        kit.brokers().get(id).startup();
    }

    /** Client settings that reach these brokers. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
