package io.dsk.bench;

import io.dsk.bench.run.ChildServer;
import io.dsk.bench.run.CommandLineOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Throughput of the DSK sink connector, exactly-once on (its defaults: idempotent producer and the
 * gateway's source watermarks), from a real Kafka through a real Connect worker into the gateway,
 * and the same into the Node reference server, side by side in one run.
 *
 * <p>Each round pre-loads a fresh topic with {@code --records} JSON values of {@code --payload}
 * bytes over {@code --partitions} partitions routed to {@code --streams} streams, then starts the
 * connector and measures until the server holds every record. "Held" is read from the gateway's
 * source watermarks (the gateway only); "committed" is when the connector's consumer group has
 * committed every offset, which the connector does only for records the server acknowledged, and is
 * measured the same way for both servers. Rates are per task.
 *
 * <pre>
 * java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.ConnectorBench
 *      [--records 1000000] [--partitions 6] [--streams 100] [--payload 200] [--rounds 3]
 *      [--tasks 1] [--targets dsk,node] [--warmup-records 100000] [--set ds.batch.max.records=1000 ...]
 * </pre>
 */
public final class ConnectorBench {

    private ConnectorBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = CommandLineOptions.parseOrExit(new BenchOptions(), args);
        RecordLayout layout = new RecordLayout(o.records, o.partitions, o.streams, o.payload);
        Path work = Files.createTempDirectory("dsk-connector-bench");
        Map<String, Map<String, Samples>> figures = new LinkedHashMap<>();
        try {
            measure(o, layout, work, figures);
        } finally {
            deleteRecursively(work);
        }
        report(o, figures);
    }

    private static void measure(BenchOptions o, RecordLayout layout, Path work,
                                Map<String, Map<String, Samples>> figures) throws Exception {
        try (KafkaConnectPipeline pipeline = KafkaConnectPipeline.start(pluginZip(o), work, o.offsetFlushMillis)) {
            List<ChildServer> servers = startServers(o, work);
            try {
                if (o.warmupRecords > 0) {
                    RecordLayout warmup = new RecordLayout(o.warmupRecords, o.partitions, o.streams, o.payload);
                    for (ChildServer server : servers) {
                        new ConnectorRound(o, warmup, pipeline, server, "warmup").run(new LinkedHashMap<>());
                    }
                }
                for (int round = 0; round < o.rounds; round++) {
                    List<ChildServer> order = new ArrayList<>(servers);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (ChildServer server : order) {
                        Map<String, Samples> into = figures.computeIfAbsent(server.name(), k -> new LinkedHashMap<>());
                        new ConnectorRound(o, layout, pipeline, server, "r" + round).run(into);
                    }
                }
            } finally {
                for (ChildServer server : servers) {
                    server.close();
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<ChildServer> startServers(BenchOptions o, Path work) throws Exception {
        List<ChildServer> servers = new ArrayList<>();
        try {
            for (String target : o.targets) {
                servers.add(startServer(o, work, target));
            }
        } catch (Exception e) {
            for (ChildServer started : servers) {
                started.close();
            }
            throw e;
        }
        return servers;
    }

    private static ChildServer startServer(BenchOptions o, Path work, String target) throws IOException {
        int port = freePort();
        Path data = Files.createDirectories(work.resolve(target + "-data"));
        Path log = work.resolve(target + ".log");
        URI base = URI.create("http://127.0.0.1:" + port + "/v1/stream/");
        return switch (target) {
            case "dsk" -> ChildServer.start("dsk", List.of("java", "-jar", o.gatewayJar.toAbsolutePath().toString(),
                    "--port", Integer.toString(port), "--data-dir", data.toString()), work, log, data,
                    line -> line.contains("dsk-gateway listening on") ? base : null);
            case "node" -> ChildServer.start("node", List.of("node", "reference-server.mjs", Integer.toString(port),
                    data.toString(), "30000"), o.nodeDir, log, data,
                    line -> line.contains("reference server listening") ? base : null);
            default -> throw new IllegalArgumentException("--targets takes dsk and/or node, not " + target);
        };
    }

    private static Path pluginZip(BenchOptions o) throws IOException {
        if (o.pluginZip != null) {
            return o.pluginZip;
        }
        Path dir = Path.of("connector/target");
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches("dsk-connector-.*\\.zip")).findFirst()
                    .orElseThrow(() -> new IOException("no connector/target/dsk-connector-*.zip; build it with "
                            + "mvn -B -q package -DskipTests, or pass --plugin-zip"));
        }
    }

    private static void report(BenchOptions o, Map<String, Map<String, Samples>> figures) {
        System.out.printf(Locale.ROOT, "%n%d rounds after a %d-record warm-up, %d records of %d-byte JSON, %d partitions, %d streams, "
                + "tasks.max=%d, connector settings %s%n", o.rounds, o.warmupRecords, o.records, o.payload, o.partitions, o.streams,
                o.tasks, o.connectorSettings.isEmpty() ? "(defaults)" : o.connectorSettings);
        List<String> names = new ArrayList<>(figures.keySet());
        System.out.printf(Locale.ROOT, "%-46s", "figure");
        names.forEach(n -> System.out.printf(Locale.ROOT, " %-30s", n + " median [min..max]"));
        boolean ratio = names.equals(List.of("dsk", "node")) || names.equals(List.of("node", "dsk"));
        System.out.println(ratio ? " dsk/node" : "");
        Map<String, Samples> first = figures.get(names.get(0));
        List<String> rows = new ArrayList<>(first.keySet());
        figures.values().forEach(m -> m.keySet().stream().filter(k -> !rows.contains(k)).forEach(rows::add));
        for (String row : rows) {
            System.out.printf(Locale.ROOT, "%-46s", row);
            for (String name : names) {
                Samples s = figures.get(name).get(row);
                System.out.printf(Locale.ROOT, " %-30s", s == null ? "-" : s.describe("%.2f"));
            }
            Samples dsk = figures.getOrDefault("dsk", Map.of()).get(row);
            Samples node = figures.getOrDefault("node", Map.of()).get(row);
            System.out.println(ratio && dsk != null && node != null
                    ? String.format(Locale.ROOT, " %.2f", dsk.median() / node.median()) : "");
        }
        System.out.println("CPU rows are cores in use during the measured window (1.00 = one core busy); "
                + "machine cores: " + Runtime.getRuntime().availableProcessors());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
