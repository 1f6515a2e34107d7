package io.dsk.quickstart;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A real Kafka Connect worker in distributed mode, as a deployment runs it: connector
 * configurations, source offsets and statuses live in topics of the embedded Kafka, so a connector
 * created through the REST API is still there after a restart; sink offsets live in the
 * connectors' consumer groups. The worker loads connectors from a plugin directory, the way an
 * operator's worker loads the packaged DSK plugin.
 *
 * <p>A restart after the process was killed must not wait out the sessions of the dead worker and
 * its consumers: sessions are as short as the broker allows and the worker reassigns lost
 * connectors at once instead of waiting for their old owner to return.
 */
final class EmbeddedConnect implements AutoCloseable {

    static final String GROUP_ID = "dsk-quickstart";
    static final String CONFIG_TOPIC = "dsk-quickstart-connect-configs";
    static final String OFFSET_TOPIC = "dsk-quickstart-connect-offsets";
    static final String STATUS_TOPIC = "dsk-quickstart-connect-status";
    /** The broker's default {@code group.min.session.timeout.ms}: the shortest session it accepts. */
    static final String SESSION_TIMEOUT_MS = "6000";
    static final String HEARTBEAT_INTERVAL_MS = "2000";

    private final Connect<DistributedHerder> connect;
    private final String restUrl;

    private EmbeddedConnect(Connect<DistributedHerder> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    /**
     * Starts a worker.
     *
     * @param bootstrapServers the Kafka cluster
     * @param pluginPath a directory holding unpacked plugins
     * @param restPort the loopback port of the REST API
     * @return the running worker
     * @throws Exception if it cannot start
     */
    static EmbeddedConnect start(String bootstrapServers, Path pluginPath, int restPort) throws Exception {
        String restUrl = "http://127.0.0.1:" + restPort;
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", GROUP_ID);
        props.put("config.storage.topic", CONFIG_TOPIC);
        props.put("offset.storage.topic", OFFSET_TOPIC);
        props.put("status.storage.topic", STATUS_TOPIC);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("listeners", restUrl);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(restPort));
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        props.put("offset.flush.interval.ms", "1000");
        // The worker's own group: a dead worker's session ends soon, and its connectors move at once.
        props.put("session.timeout.ms", SESSION_TIMEOUT_MS);
        props.put("heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);
        props.put("scheduled.rebalance.max.delay.ms", "0");
        // The sink tasks' consumers (worker-level "consumer." settings apply to every sink task).
        props.put("consumer.session.timeout.ms", SESSION_TIMEOUT_MS);
        props.put("consumer.heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);
        Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(props);
        return new EmbeddedConnect(connect, restUrl);
    }

    /**
     * Creates or updates a connector and waits until the worker has accepted it.
     *
     * @param name the connector name
     * @param config its configuration, {@code connector.class} included
     * @throws Exception if the worker rejects the configuration
     */
    void putConnector(String name, Map<String, String> config) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connect.herder().putConnectorConfig(name, config, true, (error, created) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        done.get(120, TimeUnit.SECONDS);
    }

    /** The worker's REST URL, without a trailing slash. */
    String restUrl() {
        return restUrl;
    }

    /** Stops the connectors' tasks (their consumers leave their groups), then the worker. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
