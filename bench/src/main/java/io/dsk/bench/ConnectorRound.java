package io.dsk.bench;

import io.dsk.bench.measure.ThreadCpu;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.ServerUnderTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One measured run of the connector into one server: pre-load, start, wait for completion, stop. */
final class ConnectorRound {

    private final BenchOptions o;
    private final RecordLayout layout;
    private final KafkaConnectPipeline pipeline;
    private final ServerUnderTest server;
    private final String name;

    /**
     * @param label distinguishes this round's topic, connector and streams from every other round's
     */
    ConnectorRound(BenchOptions o, RecordLayout layout, KafkaConnectPipeline pipeline, ServerUnderTest server,
                   String label) {
        this.o = o;
        this.layout = layout;
        this.pipeline = pipeline;
        this.server = server;
        this.name = "cb-" + server.name() + "-" + label;
    }

    void run(Map<String, Samples> into) throws Exception {
        long preloadNanos = pipeline.preload(name, layout);
        WatermarkProbe held = server.name().equals("dsk")
                ? new WatermarkProbe(server.streamRootUrl(), name, layout) : null;
        CpuMeter.Window cpu = new CpuMeter().start(server);
        ThreadCpu.Window threads = ThreadCpu.start(ConnectorRound::threadRole);
        long start = System.nanoTime();
        pipeline.putConnector(name, connectorConfig());
        long heldAt = held == null ? -1 : 0;
        long firstCommitAt = 0;
        long firstCommitted = 0;
        long committedAt = 0;
        long deadline = start + o.timeoutSeconds * 1_000_000_000L;
        while (committedAt == 0 || heldAt == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": not complete after " + o.timeoutSeconds + " s; committed "
                        + pipeline.committedRecords(name) + " of " + layout.records() + " (see --timeout-seconds)");
            }
            Thread.sleep(o.pollMillis);
            if (heldAt == 0 && held.poll() == 0) {
                heldAt = System.nanoTime();
            }
            long committed = committedAt == 0 ? pipeline.committedRecords(name) : layout.records();
            if (firstCommitAt == 0 && committed > 0) {
                firstCommitAt = System.nanoTime();
                firstCommitted = committed;
            }
            if (committedAt == 0 && committed == layout.records()) {
                committedAt = System.nanoTime();
            }
        }
        Map<String, Double> cores = coresUsed(cpu.stop(), server.name(), threads.coresByGroup());
        pipeline.deleteConnector(name);
        record(into, preloadNanos, start, heldAt, firstCommitAt, firstCommitted, committedAt, cores);
    }

    private void record(Map<String, Samples> into, long preloadNanos, long start, long heldAt, long firstCommitAt,
                        long firstCommitted, long committedAt, Map<String, Double> cores) {
        long n = layout.records();
        if (heldAt > 0) {
            add(into, "held rec/s/task (from connector start)", perTask(n, heldAt - start));
        }
        add(into, "committed rec/s/task (from connector start)", perTask(n, committedAt - start));
        double steady = committedAt > firstCommitAt ? perTask(n - firstCommitted, committedAt - firstCommitAt) : 0;
        add(into, "committed rec/s/task (first to last commit)", steady);
        add(into, "MB/s per task (first to last commit)", steady * o.payload / 1e6);
        add(into, "seconds to first commit", (firstCommitAt - start) / 1e9);
        add(into, "pre-load rec/s (Kafka producer)", n / (preloadNanos / 1e9));
        cores.forEach((role, share) -> add(into, "CPU cores: " + role, share));
        System.out.printf(Locale.ROOT, "%s: committed %.0f rec/s/task from start, %.0f steady%s%n", name,
                perTask(n, committedAt - start), steady,
                heldAt > 0 ? String.format(Locale.ROOT, ", held %.0f rec/s/task", perTask(n, heldAt - start)) : "");
    }

    /**
     * CPU used over the window in cores (1.0 = one core busy): the machine, the server, this process
     * and its threads by role.
     */
    private static Map<String, Double> coresUsed(CpuMeter.Usage usage, String server, Map<String, Double> byRole) {
        int machineCores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> cores = new LinkedHashMap<>();
        if (!Double.isNaN(usage.machineBusyShare())) {
            cores.put("machine, all processes", usage.machineBusyShare() * machineCores);
        }
        cores.put("server", usage.serverCores().get(server));
        cores.put("bench process", usage.generatorShare() * machineCores);
        byRole.forEach((role, share) -> cores.put("  " + role, share));
        return cores;
    }

    /** Which part of the benchmark process a thread belongs to, by the names Kafka and the JDK give. */
    static String threadRole(String threadName) {
        if (threadName.startsWith("task-thread-")) {
            return "connector task thread";
        }
        if (threadName.startsWith("dsk-delivery-")) {
            return "connector delivery thread";
        }
        if (threadName.startsWith("HttpClient-") || threadName.equals("dsk-http")) {
            return "connector HTTP client";
        }
        if (threadName.equals("main")) {
            return "completion probe";
        }
        return "Kafka broker, worker, JVM";
    }

    private double perTask(long records, long nanos) {
        return records / (nanos / 1e9) / o.tasks;
    }

    private static void add(Map<String, Samples> into, String figure, double value) {
        into.computeIfAbsent(figure, k -> new Samples()).add(value);
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", KafkaConnectPipeline.CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(o.tasks));
        config.put("topics", name);
        config.put("ds.url", server.streamRootUrl());
        config.put("ds.stream.template", "${topic}/${key}");
        config.put("ds.content.type", "application/json");
        config.putAll(o.connectorSettings);
        return config;
    }
}
