package io.dsk.gateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command log's topic: created when missing with settings under which no acknowledged command
 * can be lost, and checked at every start, so that a node never runs on a log that could lose or
 * drop commands. A topic with an unsafe setting is refused with a message naming it.
 */
final class LogTopic {

    private static final Logger LOG = LoggerFactory.getLogger(LogTopic.class);
    private static final long TIMEOUT_SECONDS = 60;
    /** Room in a record beyond the request body: the command's other fields and Kafka's framing. */
    static final long RECORD_OVERHEAD_BYTES = 64 << 10;

    private LogTopic() {
    }

    /**
     * Creates the topic when missing, then checks it.
     *
     * @param maxAppendBytes the largest body a command carries
     * @return the topic's number of partitions
     * @throws IllegalStateException naming the unsafe setting, or why Kafka could not be asked
     */
    static int prepare(ClusterSettings settings, long maxAppendBytes) {
        Properties p = new Properties();
        p.putAll(settings.kafkaClientConfig());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.nodeId() + "-admin");
        try (Admin admin = Admin.create(p)) {
            String topic = settings.topic();
            long maxMessage = maxAppendBytes + RECORD_OVERHEAD_BYTES;
            if (!exists(admin, topic)) {
                create(admin, settings, maxMessage);
            }
            return checkOnceVisible(admin, settings, maxMessage);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the command log topic " + settings.topic() + " on "
                    + String.join(",", settings.bootstrapServers()) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + String.join(",", settings.bootstrapServers())
                    + " did not answer within " + TIMEOUT_SECONDS + " s; check cluster-bootstrap-servers and "
                    + "cluster-kafka-config", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the command log topic", e);
        }
    }

    private static boolean exists(Admin admin, String topic) throws ExecutionException, InterruptedException,
            TimeoutException {
        try {
            admin.describeTopics(Set.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static void create(Admin admin, ClusterSettings settings, long maxMessage)
            throws ExecutionException, InterruptedException, TimeoutException {
        NewTopic topic = new NewTopic(settings.topic(), settings.partitions(), (short) settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()),
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false",
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(maxMessage)));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("created the command log topic {}: {} partition(s), replication factor {}, min.insync.replicas {}",
                    settings.topic(), settings.partitions(), settings.replicationFactor(), settings.minInsyncReplicas());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Checks the topic; right after it was created, brokers may not know it yet for a moment
     * ("does not host this topic-partition"), so that answer is asked again for a while.
     */
    private static int checkOnceVisible(Admin admin, ClusterSettings settings, long maxMessage)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return check(admin, settings, maxMessage);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int check(Admin admin, ClusterSettings settings, long maxMessage)
            throws ExecutionException, InterruptedException, TimeoutException {
        String name = settings.topic();
        TopicDescription description = admin.describeTopics(Set.of(name)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(name);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        List<String> unsafe = new ArrayList<>();
        int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicas < settings.replicationFactor()) {
            unsafe.add("replication factor is " + replicas + ", below cluster-replication-factor "
                    + settings.replicationFactor());
        }
        long minInsync = number(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (minInsync < settings.minInsyncReplicas()) {
            unsafe.add(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + " is " + minInsync + ", below cluster-min-insync-replicas "
                    + settings.minInsyncReplicas());
        }
        if (Boolean.parseBoolean(value(config, TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG))) {
            unsafe.add(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG + " is true (a lagging replica could become "
                    + "leader and lose acknowledged commands)");
        }
        if (!TopicConfig.CLEANUP_POLICY_DELETE.equals(value(config, TopicConfig.CLEANUP_POLICY_CONFIG))) {
            unsafe.add(TopicConfig.CLEANUP_POLICY_CONFIG + " is " + value(config, TopicConfig.CLEANUP_POLICY_CONFIG)
                    + " (compaction would drop commands); it must be delete with infinite retention");
        }
        for (String key : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
            if (number(config, key) != -1) {
                unsafe.add(key + " is " + value(config, key) + " (a node rebuilding from the log needs every command); "
                        + "it must be -1");
            }
        }
        long messageBytes = number(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (messageBytes < maxMessage) {
            unsafe.add(TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " is " + messageBytes + ", below max-append-bytes plus "
                    + RECORD_OVERHEAD_BYTES + " (" + maxMessage + ")");
        }
        if (!unsafe.isEmpty()) {
            throw new IllegalStateException("the command log topic " + name + " is unsafe: " + String.join("; ", unsafe)
                    + ". Fix it with kafka-configs.sh --alter --entity-type topics --entity-name " + name
                    + " (or recreate it), or point cluster-topic at another topic");
        }
        return description.partitions().size();
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry == null ? null : entry.value();
    }

    private static long number(Config config, String key) {
        String v = value(config, key);
        try {
            return v == null ? Long.MIN_VALUE : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
