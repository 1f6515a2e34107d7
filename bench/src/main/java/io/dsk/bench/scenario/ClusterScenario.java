package io.dsk.bench.scenario;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ChildServer;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cluster mode (docs/cluster.md) on three Kafka brokers in the bench JVM: 100-byte appends by closed-loop
 * writers on their own streams through a single-node gateway, a one-node cluster and a three-node cluster (the
 * writers dealt round robin over the nodes), with the server CPU per append summed over every gateway process;
 * then, on the three-node cluster, the failover time (SIGKILL of the node a client uses, until its first read and
 * its first append succeed on another node) and the rebuild rate of a new node with an empty data directory
 * (bytes of the command log over the time from its start to {@code /readyz} 200).
 *
 * <p>Options ({@code --set}): {@code writers=16}, {@code bytes=100}, {@code warmup-seconds=5},
 * {@code brokers=3}.
 */
public final class ClusterScenario implements Scenario {

    private static final Duration READY_WAIT = Duration.ofMinutes(3);
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public String id() {
        return "cluster";
    }

    @Override
    public String description() {
        return "cluster mode: appends through 1 and 3 cluster nodes against a single node, failover time, rebuild MB/s";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        int writers = (int) context.longOption("writers", 16);
        int bytes = (int) context.longOption("bytes", 100);
        int brokers = (int) context.longOption("brokers", 3);
        SampleTable table = new SampleTable();
        List<String> logSizes = new ArrayList<>();
        double maxGenerator = 0;
        try (CommandLogKafka kafka = CommandLogKafka.start(brokers)) {
            for (int round = 0; round < context.rounds(); round++) {
                try (ServerUnderTest single = context.startGateway(Map.of())) {
                    maxGenerator = Math.max(maxGenerator,
                            measureAppends(context, table, "single node", List.of(single), writers, bytes, round));
                }
                String topic1 = "bench.log.r" + round + ".n1";
                List<ServerUnderTest> one = startNodes(context, kafka, topic1, 1, round);
                try {
                    maxGenerator = Math.max(maxGenerator,
                            measureAppends(context, table, "cluster, 1 node", one, writers, bytes, round));
                } finally {
                    one.forEach(ServerUnderTest::close);
                }
                String topic3 = "bench.log.r" + round + ".n3";
                List<ServerUnderTest> three = startNodes(context, kafka, topic3, 3, round);
                try {
                    maxGenerator = Math.max(maxGenerator,
                            measureAppends(context, table, "cluster, 3 nodes", three, writers, bytes, round));
                    failover(table, three, round);
                    long logBytes = kafka.topicBytes(topic3);
                    logSizes.add(String.format(Locale.ROOT, "%.1f MB", logBytes / 1e6));
                    rebuild(context, kafka, table, topic3, logBytes, round);
                } finally {
                    three.forEach(ServerUnderTest::close);
                }
                System.out.printf(Locale.ROOT, "cluster: round %d/%d done%n", round + 1, context.rounds());
            }
        }
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        table.figures().forEach(report::figure);
        report.loadGeneratorCpu(maxGenerator);
        report.note(String.format(Locale.ROOT, "Kafka: %d brokers in the bench JVM (KafkaClusterTestKit), the command "
                + "log topic created by the first node with replication factor 3 and min.insync.replicas 2 (1 "
                + "partition); a new topic for each cluster, so each starts from an empty log. Each writer is one "
                + "keep-alive HTTP/1.1 connection appending %d random bytes to its own stream, sending its next "
                + "append when the previous one is acknowledged; with 3 nodes the %d writers are dealt round robin "
                + "over the nodes, each node's writers on one selector thread. Each load starts with %d s of the "
                + "same writers, unrecorded. Server CPU per append is the CPU time of every gateway process of the "
                + "mode (each node applies every append) over the whole load, divided by every append acknowledged; "
                + "the brokers' CPU is not in it (they run in the load generator's JVM, so the generator's share "
                + "below includes them).", brokers, bytes, writers, context.longOption("warmup-seconds", 5)));
        report.note("Failover: a client appending to and reading one stream on node 0 when node 0 is killed "
                + "(SIGKILL) moves to the next node at its first failed request; the figures are the time from the "
                + "kill to its first successful catch-up read and its first acknowledged append, each on another "
                + "node. Rebuild: a fourth node with an empty data directory starts on the three-node cluster's log "
                + "after the loads (log sizes " + String.join(", ", logSizes) + " on disk, the largest replica); "
                + "rebuild MB/s is those bytes over the time from the start of its JVM to its first /readyz 200, "
                + "so for a small log the JVM's start-up dominates.");
        return report;
    }

    private List<ServerUnderTest> startNodes(BenchContext context, CommandLogKafka kafka, String topic, int count,
            int round) throws IOException, InterruptedException {
        List<ServerUnderTest> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerUnderTest node = context.startGateway(clusterOptions(kafka, topic, "r" + round + "n" + i));
                nodes.add(node);
                awaitReady(node, READY_WAIT);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            nodes.forEach(ServerUnderTest::close);
            throw e;
        }
        return nodes;
    }

    private static Map<String, String> clusterOptions(CommandLogKafka kafka, String topic, String nodeId) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("cluster-bootstrap-servers", kafka.bootstrapServers());
        options.put("cluster-topic", topic);
        options.put("node-id", nodeId);
        return options;
    }

    /** @return the load generator's share of the machine during the measured load */
    private double measureAppends(BenchContext context, SampleTable table, String mode, List<ServerUnderTest> nodes,
            int writers, int bytes, int round) throws Exception {
        long warmupSeconds = context.longOption("warmup-seconds", 5);
        if (warmupSeconds > 0) {
            load(nodes, writers, bytes, "r" + round + "-warm", Duration.ZERO, Duration.ofSeconds(warmupSeconds));
        }
        List<Double> cpuBefore = nodes.stream().map(ServerUnderTest::cpuSeconds).toList();
        double generatorBefore = context.cpu().selfSeconds();
        long start = System.nanoTime();
        Duration warmup = Duration.ofMillis(Math.min(1_000, context.duration().toMillis() / 5));
        ClosedLoopLoad.Result result = load(nodes, writers, bytes, "r" + round, warmup, context.duration());
        double wall = (System.nanoTime() - start) / 1e9;
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            cpu.add(nodes.get(i).cpuSeconds() - cpuBefore.get(i));
        }
        double generatorShare = (context.cpu().selfSeconds() - generatorBefore) / (wall * context.cpu().cores());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", mode);
        params.put("writers", writers);
        params.put("bytes", bytes);
        table.add(key("appends/s", "1/s", params, Direction.HIGHER), "dsk", result.perSecond());
        if (result.completed() > 0) {
            table.add(key("append latency p50", "ms", params, Direction.LOWER), "dsk",
                    result.latencies().percentileMillis(50));
            table.add(key("append latency p99", "ms", params, Direction.LOWER), "dsk",
                    result.latencies().percentileMillis(99));
        }
        table.add(key("server CPU per append", "µs", params, Direction.LOWER), "dsk",
                ClusterFigures.cpuMicrosPerAppend(cpu, result.allSucceeded()));
        System.out.printf(Locale.ROOT, "  %-18s %10.0f acknowledged/s  p99 %8.2f ms  %d failed  generator %3.0f%%%n",
                mode, result.perSecond(), result.completed() > 0 ? result.latencies().percentileMillis(99) : Double.NaN,
                result.failures(), generatorShare * 100);
        return generatorShare;
    }

    /** Writers dealt round robin over the nodes, each on its own stream, created through its node. */
    private static ClosedLoopLoad.Result load(List<ServerUnderTest> nodes, int writers, int bytes, String prefix,
            Duration warmup, Duration window) throws Exception {
        byte[] body = PreEncodedRequests.payload(bytes);
        String base = "bench/cluster/" + prefix + "-" + Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<ClosedLoopLoad.Result>> running = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                int count = ClusterFigures.writersOn(n, nodes.size(), writers);
                if (count == 0) {
                    continue;
                }
                ServerUnderTest node = nodes.get(n);
                List<String> streams = new ArrayList<>();
                ByteBuffer[] requests = new ByteBuffer[count];
                for (int w = 0; w < count; w++) {
                    String stream = base + "/n" + n + "w" + w;
                    streams.add(stream);
                    requests[w] = PreEncodedRequests.append(node, stream, body);
                }
                PreEncodedRequests.create(node, streams);
                running.add(pool.submit(() -> new ClosedLoopLoad(node.baseUri(), count)
                        .run(i -> requests[i], (i, r) -> PreEncodedRequests.appended(r), warmup, window)));
            }
            List<ClosedLoopLoad.Result> results = new ArrayList<>();
            for (Future<ClosedLoopLoad.Result> r : running) {
                results.add(r.get());
            }
            ClosedLoopLoad.Result merged = ClusterFigures.merged(results);
            if (merged.allSucceeded() == 0) {
                throw new IOException("no append was acknowledged (" + merged.failures() + " failed, first: "
                        + merged.firstFailure() + ")");
            }
            return merged;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Kills node 0 under a client that reads and appends there, and times the client's move to another node. */
    private void failover(SampleTable table, List<ServerUnderTest> nodes, int round) throws Exception {
        if (!(nodes.get(0) instanceof ChildServer victim)) {
            throw new IllegalStateException("the gateway is not a child process");
        }
        String stream = "bench/cluster/failover-r" + round;
        expect(send(HttpRequest.newBuilder(nodes.get(0).streamUri(stream)).header("Content-Type",
                PreEncodedRequests.CONTENT_TYPE).PUT(HttpRequest.BodyPublishers.noBody())), 201, 200);
        long killed = System.nanoTime();
        victim.kill();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> read = pool.submit(() -> firstSuccess(nodes, killed, node -> HttpRequest.newBuilder(
                    node.streamUri(stream + "?offset=-1")).GET()));
            Future<Long> append = pool.submit(() -> firstSuccess(nodes, killed, node -> HttpRequest.newBuilder(
                    node.streamUri(stream)).header("Content-Type", PreEncodedRequests.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PreEncodedRequests.payload(100)))));
            Map<String, Object> params = Map.of("nodes", nodes.size());
            double readMillis = read.get() / 1e6;
            double appendMillis = append.get() / 1e6;
            table.add(key("failover: first read", "ms", params, Direction.LOWER), "dsk", readMillis);
            table.add(key("failover: first append", "ms", params, Direction.LOWER), "dsk", appendMillis);
            System.out.printf(Locale.ROOT, "  failover: first read after %.1f ms, first append after %.1f ms%n",
                    readMillis, appendMillis);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A client that starts on node 0 and moves to the next node at each failed request (no answer or a 5xx).
     *
     * @return nanoseconds from {@code since} to its first 2xx answer
     */
    private long firstSuccess(List<ServerUnderTest> nodes, long since,
            java.util.function.Function<ServerUnderTest, HttpRequest.Builder> request) throws Exception {
        long deadline = since + FAILOVER_WAIT.toNanos();
        int node = 0;
        String last = "nothing sent";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<byte[]> response = http.send(request.apply(nodes.get(node))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() / 100 == 2) {
                    return System.nanoTime() - since;
                }
                last = "status " + response.statusCode();
                if (response.statusCode() < 500) {
                    throw new IOException("failover probe on node " + node + ": " + last);
                }
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("failover probe")) {
                    throw e;
                }
                last = e.toString();
            }
            node = (node + 1) % nodes.size();
        }
        throw new IOException("no node answered within " + FAILOVER_WAIT + "; last: " + last);
    }

    /** Starts a node with an empty data directory on the log and times it to ready. */
    private void rebuild(BenchContext context, CommandLogKafka kafka, SampleTable table, String topic, long logBytes,
            int round) throws Exception {
        long start = System.nanoTime();
        try (ServerUnderTest fresh = context.startGateway(clusterOptions(kafka, topic, "r" + round + "rebuild"))) {
            awaitReady(fresh, READY_WAIT);
            long nanos = System.nanoTime() - start;
            Map<String, Object> params = Map.of("nodes", 3);
            table.add(key("rebuild", "MB/s", params, Direction.HIGHER), "dsk",
                    ClusterFigures.rebuildMegabytesPerSecond(logBytes, nanos));
            table.add(key("rebuild time to ready", "s", params, Direction.LOWER), "dsk", nanos / 1e9);
            System.out.printf(Locale.ROOT, "  rebuild: %.1f MB of log, ready after %.2f s%n", logBytes / 1e6,
                    nanos / 1e9);
        }
    }

    private void awaitReady(ServerUnderTest node, Duration timeout) throws IOException, InterruptedException {
        URI readyz = node.baseUri().resolve("/readyz");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(readyz + " did not answer 200 within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expect(HttpResponse<byte[]> response, int... statuses) throws IOException {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IOException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode());
    }

    private static SampleTable.Key key(String name, String unit, Map<String, Object> params, Direction better) {
        return new SampleTable.Key(name, unit, params, better, Optional.empty());
    }
}
