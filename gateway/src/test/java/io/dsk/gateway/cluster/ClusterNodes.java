package io.dsk.gateway.cluster;

import io.dsk.gateway.Eventually;
import io.dsk.gateway.GatewayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Gateway processes in cluster mode on one command log topic, each with its own data directory. */
final class ClusterNodes implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String bootstrapServers;
    private final String topic;
    private final Path dir;
    private final List<String> extraArgs;
    private final GatewayProcess[] nodes;
    private final int[] starts;

    private ClusterNodes(String name, String bootstrapServers, String topic, Path dir, int count, List<String> extraArgs) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
        this.nodes = new GatewayProcess[count];
        this.starts = new int[count];
    }

    /** Starts {@code count} nodes and waits until each is ready. */
    static ClusterNodes start(String name, String bootstrapServers, String topic, Path dir, int count,
                              String... extraArgs) throws Exception {
        ClusterNodes cluster = new ClusterNodes(name, bootstrapServers, topic, dir, count, List.of(extraArgs));
        try {
            for (int i = 0; i < count; i++) {
                cluster.startNode(i);
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    int size() {
        return nodes.length;
    }

    /** The base URL of node {@code i}, or null while it is down. */
    URI url(int i) {
        GatewayProcess p = nodes[i];
        return p == null ? null : p.baseUrl();
    }

    /** Base URLs of the nodes that are up. */
    List<URI> urls() {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                urls.add(nodes[i].baseUrl());
            }
        }
        return urls;
    }

    GatewayProcess process(int i) {
        return nodes[i];
    }

    /** Starts node {@code i} (again) on its data directory and waits until it is ready. */
    void startNode(int i) throws Exception {
        Path data = Files.createDirectories(dir.resolve("node-" + i));
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--cluster-bootstrap-servers", bootstrapServers, "--cluster-topic", topic, "--node-id", "n" + i,
                "--shutdown-grace", "1s"));
        args.addAll(extraArgs);
        nodes[i] = GatewayProcess.start(name + "-n" + i + "-" + (starts[i]++), args.toArray(String[]::new));
        awaitReady(i, Duration.ofSeconds(90));
    }

    /** SIGKILL of node {@code i}. */
    void kill(int i) throws InterruptedException {
        nodes[i].kill();
        nodes[i] = null;
    }

    /** Deletes node {@code i}'s data directory; the node must be down. */
    void wipe(int i) throws IOException {
        Path data = dir.resolve("node-" + i);
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Waits until node {@code i}'s {@code /readyz} answers 200. */
    void awaitReady(int i, Duration timeout) throws Exception {
        HttpRequest readyz = HttpRequest.newBuilder(nodes[i].baseUrl().resolve("/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        Eventually.within(timeout).polling(Duration.ofMillis(50))
                .reporting(() -> "last output:\n" + String.join("\n", nodes[i].lastOutput()))
                .until("node " + i + " ready", () -> HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode(),
                        status -> status == 200);
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                nodes[i].close();
                nodes[i] = null;
            }
        }
    }
}
