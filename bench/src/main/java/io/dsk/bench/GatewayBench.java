package io.dsk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Side-by-side benchmark of the DSK gateway (RocksDB) and the Node reference server (file-backed)
 * on the same machine in one run. Rounds alternate which server goes first; the report gives, per
 * figure, the median and range over rounds for each server and the ratio of the medians.
 *
 * <pre>
 * java -cp bench/target/dsk-bench.jar io.dsk.bench.GatewayBench [--rounds 5] [--seconds 10]
 *      [--writers 16] [--streams-per-writer 4] [--payload 200] [--readers 200] [--idle 2000]
 *      [--gateway-heap 512m]
 * </pre>
 */
public final class GatewayBench {

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("dsk-bench");
        Workloads workloads = new Workloads();
        Map<String, Map<String, Samples>> figures = new LinkedHashMap<>();
        long benchCpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        try (ServerProcess dsk = startGateway(o, work); ServerProcess node = startReference(o, work)) {
            List<ServerProcess> servers = List.of(dsk, node);
            for (int round = 0; round < o.rounds; round++) {
                List<ServerProcess> order = new ArrayList<>(servers);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (ServerProcess server : order) {
                    measureRound(o, workloads, server, figures.computeIfAbsent(server.name(), k -> new LinkedHashMap<>()));
                    System.out.printf(Locale.ROOT, "round %d/%d done for %s%n", round + 1, o.rounds, server.name());
                }
            }
            for (ServerProcess server : servers) {
                sample(figures.get(server.name()), "idle long-poll KiB/conn", workloads.idleConnectionKib(server, o.idle));
                sample(figures.get(server.name()), "server RSS MiB (end)", server.residentBytes() / 1048576.0);
                sample(figures.get(server.name()), "server CPU s (total)", server.cpuTime().toMillis() / 1000.0);
            }
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        double generatorShare = (processCpuNanos() - benchCpuStart) / 1e9
                / (wallSeconds * Runtime.getRuntime().availableProcessors());
        report(figures, o, generatorShare);
    }

    private static void measureRound(Options o, Workloads w, ServerProcess server, Map<String, Samples> into)
            throws Exception {
        Workloads.AppendResult appends = w.appends(server.baseUrl(), o.writers, o.streamsPerWriter, o.payload,
                Duration.ofSeconds(o.seconds));
        sample(into, "appends/s", appends.appendsPerSecond());
        sample(into, "append p50 ms", appends.latencyMillis().percentile(50));
        sample(into, "append p99 ms", appends.latencyMillis().percentile(99));
        sample(into, "catch-up read MB/s", w.catchUpMegabytesPerSecond(server.baseUrl(), 32L << 20));
        Samples fanOut = w.liveFanOutMillis(server.baseUrl(), o.readers, 20);
        sample(into, "fan-out p50 ms", fanOut.percentile(50));
        sample(into, "fan-out p99 ms", fanOut.percentile(99));
    }

    private static void sample(Map<String, Samples> into, String figure, double value) {
        into.computeIfAbsent(figure, k -> new Samples()).add(value);
    }

    private static void report(Map<String, Map<String, Samples>> figures, Options o, double generatorShare) {
        Map<String, Samples> dsk = figures.get("dsk");
        Map<String, Samples> node = figures.get("node");
        System.out.printf(Locale.ROOT, "%n%d rounds, %d s appends, %d writers x %d streams, %d-byte JSON, "
                + "%d fan-out readers, %d idle connections%n", o.rounds, o.seconds, o.writers, o.streamsPerWriter,
                o.payload, o.readers, o.idle);
        System.out.printf(Locale.ROOT, "%-26s %-30s %-30s %s%n", "figure", "dsk median [min..max]",
                "node median [min..max]", "dsk/node");
        for (String figure : dsk.keySet()) {
            Samples a = dsk.get(figure);
            Samples b = node.get(figure);
            String ratio = b.median() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a.median() / b.median());
            System.out.printf(Locale.ROOT, "%-26s %-30s %-30s %s%n", figure, a.describe("%.2f"),
                    b.describe("%.2f"), ratio);
        }
        System.out.printf(Locale.ROOT, "load generator CPU share: %.0f%% of the machine%n", generatorShare * 100);
    }

    private static ServerProcess startGateway(Options o, Path work) throws IOException {
        Path data = Files.createDirectories(work.resolve("dsk-data"));
        return ServerProcess.start("dsk", List.of("java", "-Xmx" + o.gatewayHeap, "-jar",
                o.gatewayJar.toAbsolutePath().toString(),
                "--port", Integer.toString(o.dskPort), "--data-dir", data.toString(), "--long-poll-timeout", "30s"),
                work, "dsk-gateway listening on", "http://127.0.0.1:" + o.dskPort + "/v1/stream");
    }

    private static ServerProcess startReference(Options o, Path work) throws IOException {
        Path data = Files.createDirectories(work.resolve("node-data"));
        return ServerProcess.start("node", List.of("node", "reference-server.mjs", Integer.toString(o.nodePort),
                data.toString(), "30000"), o.nodeDir, "reference server listening",
                "http://127.0.0.1:" + o.nodePort + "/v1/stream");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Command-line options with defaults sized for a 2-core machine. */
    static final class Options {
        Path gatewayJar = Path.of("gateway/target/dsk-gateway.jar");
        Path nodeDir = Path.of("bench/node");
        /** The gateway's heap limit: the 512 MiB that docs/operations.md recommends for a busy gateway. */
        String gatewayHeap = "512m";
        int dskPort = 4510;
        int nodePort = 4511;
        int rounds = 5;
        int seconds = 10;
        int writers = 16;
        int streamsPerWriter = 4;
        int payload = 200;
        int readers = 200;
        int idle = 2000;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--gateway-jar" -> o.gatewayJar = Path.of(v);
                    case "--node-dir" -> o.nodeDir = Path.of(v);
                    case "--gateway-heap" -> o.gatewayHeap = v;
                    case "--dsk-port" -> o.dskPort = Integer.parseInt(v);
                    case "--node-port" -> o.nodePort = Integer.parseInt(v);
                    case "--rounds" -> o.rounds = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--writers" -> o.writers = Integer.parseInt(v);
                    case "--streams-per-writer" -> o.streamsPerWriter = Integer.parseInt(v);
                    case "--payload" -> o.payload = Integer.parseInt(v);
                    case "--readers" -> o.readers = Integer.parseInt(v);
                    case "--idle" -> o.idle = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; see the class documentation of " + GatewayBench.class.getName());
                }
            }
            return o;
        }
    }
}
