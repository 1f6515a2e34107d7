package io.dsk.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;

/**
 * A real Kafka Connect worker (standalone mode) that loads connectors from a plugin directory, the
 * way an operator's worker loads the packaged DSK plugin. Sink offsets live in Kafka's consumer
 * groups, so a restart resumes where the last run stopped.
 */
final class EmbeddedConnect implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    private EmbeddedConnect(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /**
     * Starts a worker.
     *
     * @param bootstrapServers the Kafka cluster
     * @param pluginPath a directory holding unpacked plugins
     * @param workDir where the worker keeps its offsets file
     * @return the running worker
     * @throws Exception if it cannot start
     */
    static EmbeddedConnect start(String bootstrapServers, Path pluginPath, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("offset.storage.file.filename", workDir.resolve("connect.offsets").toAbsolutePath().toString());
        props.put("listeners", "http://127.0.0.1:" + EmbeddedKafka.freePort());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        props.put("offset.flush.interval.ms", "1000");
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(props);
        return new EmbeddedConnect(connect);
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
        done.get(60, TimeUnit.SECONDS);
    }

    /** The worker's REST URL. */
    String restUrl() {
        return connect.rest().serverUrl().toString();
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
