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
    private final Path pluginPath;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    ConnectWorkerProcess(Path dir, String bootstrapServers, String groupId) throws IOException {
        this(dir, bootstrapServers, groupId, null);
    }

    /**
     * @param pluginPath when set, the connector and transforms are loaded from this plugin.path (an
     *                   unzipped plugin) and left off the worker's class path, as in a real installation
     */
    ConnectWorkerProcess(Path dir, String bootstrapServers, String groupId, Path pluginPath) throws IOException {
        this(dir, bootstrapServers, groupId, pluginPath, List.of());
    }

    /**
     * @param jvmOptions further options of the worker's JVM, before its main class (e.g. a {@code -javaagent})
     */
    ConnectWorkerProcess(Path dir, String bootstrapServers, String groupId, Path pluginPath, List<String> jvmOptions)
            throws IOException {
        this.dir = dir;
        this.restPort = freePort();
        this.pluginPath = pluginPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.props = new java.util.HashMap<>(Map.ofEntries(
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
                Map.entry("task.shutdown.graceful.timeout.ms", "10000")));
        if (pluginPath != null) {
            props.put("plugin.path", pluginPath.toString());
        }
    }

    /**
     * The tests' logging configuration, named explicitly: a worker whose class path leaves out the
     * test classes (plugin.path runs) would otherwise pick up whichever logback.xml comes first.
     */
    private static final String LOG_CONFIG = logConfig();

    private static String logConfig() {
        try {
            return Path.of(ConnectWorkerProcess.class.getResource("/logback-test.xml").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String classPath() {
        String classPath = System.getProperty("java.class.path");
        if (pluginPath == null) {
            return classPath;
        }
        StringBuilder kept = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            boolean ours = entry.contains("target" + java.io.File.separator + "classes")
                    || entry.contains("target" + java.io.File.separator + "test-classes")
                    || entry.contains("dsk-transforms") || entry.contains("dsk-connector");
            if (!ours) {
                kept.append(kept.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
            }
        }
        return kept.toString();
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
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Ddsk.it.log.level=INFO",
                "-Dlogback.configurationFile=" + LOG_CONFIG));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), "org.apache.kafka.connect.cli.ConnectDistributed",
                config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    /** @return the log of the latest start */
    String log() throws IOException {
        return Files.readString(dir.resolve("worker-" + starts + ".log"));
    }

    /** @return the logs of every start after the first, in order */
    String restartLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (int start = 2; start <= starts; start++) {
            logs.append(Files.readString(dir.resolve("worker-" + start + ".log")));
        }
        return logs.toString();
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
