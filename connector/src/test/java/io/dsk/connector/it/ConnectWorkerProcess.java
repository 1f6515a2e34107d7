package io.dsk.connector.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka Connect distributed worker in its own JVM, on the test class path, so that a test can stop it
 * gracefully or kill it like a crashed machine. Plugins are found with {@code plugin.discovery=service_load}.
 */
final class ConnectWorkerProcess implements AutoCloseable {

    private final Path dir;
    private final Map<String, String> props;
    private final int restPort;
    private Process process;
    private int starts;

    ConnectWorkerProcess(Path dir, String bootstrapServers, String groupId) throws IOException {
        this.dir = dir;
        this.restPort = freePort();
        this.props = Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrapServers),
                Map.entry("group.id", groupId),
                Map.entry("config.storage.topic", groupId + "-configs"),
                Map.entry("offset.storage.topic", groupId + "-offsets"),
                Map.entry("status.storage.topic", groupId + "-status"),
                Map.entry("config.storage.replication.factor", "1"),
                Map.entry("offset.storage.replication.factor", "1"),
                Map.entry("status.storage.replication.factor", "1"),
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("offset.flush.interval.ms", "1000"),
                Map.entry("plugin.discovery", "service_load"),
                Map.entry("listeners", "http://127.0.0.1:" + restPort),
                Map.entry("scheduled.rebalance.max.delay.ms", "2000"),
                Map.entry("session.timeout.ms", "6000"),
                Map.entry("heartbeat.interval.ms", "1000"),
                Map.entry("consumer.session.timeout.ms", "6000"),
                Map.entry("consumer.heartbeat.interval.ms", "1000"),
                Map.entry("consumer.max.poll.records", "2000"),
                Map.entry("task.shutdown.graceful.timeout.ms", "10000"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    ConnectWorkerProcess start() throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        Path config = dir.resolve("worker.properties");
        try (var out = Files.newOutputStream(config)) {
            properties.store(out, "Connect worker for integration tests");
        }
        Path log = dir.resolve("worker-" + (++starts) + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Ddsk.it.log.level=INFO",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectDistributed", config.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    /** @return the log of the latest start */
    String log() throws IOException {
        return Files.readString(dir.resolve("worker-" + starts + ".log"));
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Stops like an operator would: SIGTERM, tasks stop and commit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kills like a crash: SIGKILL, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
