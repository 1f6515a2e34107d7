package io.dsk.gateway.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead through a Kafka consumer group: every node joins the group {@code <topic>.leader} on the
 * command log topic, and the node the group coordinator assigns partition 0 leads. Its consumer
 * pauses whatever it is assigned, so it never fetches a record; it polls only to stay in the group.
 * A node that stops leaves the group at once; one that dies is replaced when its session times out
 * ({@code session.timeout.ms}, 10 s unless the Kafka client settings say otherwise).
 */
final class GroupLeadership implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLeadership.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final TopicPartition lead;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile Runnable listener = () -> { };

    GroupLeadership(String topic, Map<String, Object> clientConfig, String nodeId) {
        this.lead = new TopicPartition(topic, ReplicatedSubscriptions.PARTITION);
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(topic));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, nodeId + "-leadership");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(topic), "dsk-cluster-leadership");
        thread.setDaemon(true);
    }

    /** The consumer group whose partition 0 owner leads: the operator grants the nodes READ on it. */
    static String groupId(String topic) {
        return topic + ".leader";
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean leader() {
        return leader;
    }

    @Override
    public void onChange(Runnable changed) {
        this.listener = changed;
    }

    private void run(String topic) {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (partitions.contains(lead)) {
                    set(false);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                consumer.pause(consumer.assignment());
                if (partitions.contains(lead)) {
                    set(true);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
        while (!closed) {
            try {
                consumer.poll(POLL);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                set(false);
                LOG.warn("the leadership group {} failed ({}); joining it again", groupId(topic), e.getMessage());
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        set(false);
        consumer.close(Duration.ofSeconds(5));
    }

    private void set(boolean leads) {
        if (leader != leads) {
            leader = leads;
            LOG.info(leads ? "this node now leads the cluster (delivers subscription wakes)"
                    : "this node no longer leads the cluster");
            listener.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
