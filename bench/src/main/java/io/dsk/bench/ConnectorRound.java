package io.dsk.bench;

import io.dsk.bench.run.ServerUnderTest;
import java.util.HashMap;
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
        WatermarkProbe held = server.name().equals("dsk") ? new WatermarkProbe(server.streamRootUrl(), name, layout) : null;
        CpuMeter cpu = new CpuMeter(ProcessHandle.of(server.pid()).orElseThrow());
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
        Map<String, Double> cores = cpu.coresUsed();
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
