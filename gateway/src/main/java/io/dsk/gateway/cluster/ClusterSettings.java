package io.dsk.gateway.cluster;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigSources;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster-mode options ({@code cluster-*}, {@code node-id}); cluster mode is on when bootstrap
 * servers are set.
 *
 * @param kafkaClientConfig every Kafka client setting: the file's, then the bootstrap servers
 */
public record ClusterSettings(List<String> bootstrapServers, String topic, Map<String, String> kafkaClientConfig,
                              String nodeId, int partitions, int replicationFactor, int minInsyncReplicas,
                              Duration readWait, Duration writeTimeout) {

    /** Single-node mode. */
    public static final ClusterSettings DISABLED = new ClusterSettings(List.of(), GatewayOptions.CLUSTER_TOPIC.defaultValue(),
            Map.of(), "", 1, 3, 2, GatewayOptions.CLUSTER_READ_WAIT.defaultValue(),
            GatewayOptions.CLUSTER_WRITE_TIMEOUT.defaultValue());

    public ClusterSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
        kafkaClientConfig = Map.copyOf(kafkaClientConfig);
    }

    /** True when this node is one of a cluster. */
    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    /**
     * Cluster settings for tests and embedders: the defaults of every option, with these brokers.
     */
    public static ClusterSettings of(String bootstrapServers, String topic, String nodeId) {
        List<String> servers = List.of(bootstrapServers.split(","));
        return new ClusterSettings(servers, topic, Map.of("bootstrap.servers", bootstrapServers), nodeId,
                GatewayOptions.CLUSTER_PARTITIONS.defaultValue(), GatewayOptions.CLUSTER_REPLICATION_FACTOR.defaultValue(),
                GatewayOptions.CLUSTER_MIN_INSYNC_REPLICAS.defaultValue(), GatewayOptions.CLUSTER_READ_WAIT.defaultValue(),
                GatewayOptions.CLUSTER_WRITE_TIMEOUT.defaultValue());
    }


    /**
     * @throws ConfigException naming the option whose value is wrong
     */
    public static ClusterSettings from(ConfigValues config) {
        List<String> servers = config.get(GatewayOptions.CLUSTER_BOOTSTRAP_SERVERS);
        Path file = config.get(GatewayOptions.CLUSTER_KAFKA_CONFIG);
        if (servers.isEmpty()) {
            for (String name : List.of(GatewayOptions.CLUSTER_KAFKA_CONFIG.name(), GatewayOptions.NODE_ID.name(),
                    GatewayOptions.CLUSTER_TOPIC.name())) {
                if (config.isSet(name)) {
                    throw new ConfigException(config.describe(name) + " has no effect without "
                            + GatewayOptions.CLUSTER_BOOTSTRAP_SERVERS.name() + ": set the Kafka brokers of the command "
                            + "log to run in cluster mode, or remove it");
                }
            }
            return DISABLED;
        }
        Map<String, String> client = new LinkedHashMap<>();
        if (file != null) {
            client.putAll(ConfigSources.readPropertiesFile(file).values());
        }
        client.put("bootstrap.servers", String.join(",", servers));
        int replicas = config.get(GatewayOptions.CLUSTER_REPLICATION_FACTOR);
        int minInsync = config.get(GatewayOptions.CLUSTER_MIN_INSYNC_REPLICAS);
        if (minInsync > replicas) {
            throw new ConfigException(config.describe(GatewayOptions.CLUSTER_MIN_INSYNC_REPLICAS.name()) + " is more than "
                    + config.describe(GatewayOptions.CLUSTER_REPLICATION_FACTOR.name())
                    + ": no write could ever be acknowledged");
        }
        String nodeId = config.get(GatewayOptions.NODE_ID);
        return new ClusterSettings(servers, config.get(GatewayOptions.CLUSTER_TOPIC), client,
                nodeId == null || nodeId.isBlank() ? hostName() : nodeId, config.get(GatewayOptions.CLUSTER_PARTITIONS),
                replicas, minInsync, config.get(GatewayOptions.CLUSTER_READ_WAIT),
                config.get(GatewayOptions.CLUSTER_WRITE_TIMEOUT));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "dsk-gateway";
        }
    }
}
