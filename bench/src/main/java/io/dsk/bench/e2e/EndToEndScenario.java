package io.dsk.bench.e2e;

import io.dsk.bench.KafkaConnectPipeline;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ProfileSession;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Scenario 5, end to end: Kafka produce → DSK sink connector → server → SSE subscriber, against the
 * gateway and the Node reference server in turn through the same in-process Kafka broker and
 * Connect worker. Per round and server: a latency run at each rate of {@code e2e.rates} (records/s
 * produced at a fixed pace for {@code --seconds}, after {@code e2e.warmup-seconds}), then a
 * saturating run of {@code e2e.saturation-records} for the connector's records/s per task. Rounds
 * alternate which server goes first. See {@link E2eSettings} for every option.
 */
public final class EndToEndScenario implements Scenario {

    private static final String ID = "e2e";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Kafka produce -> sink connector -> server -> SSE subscriber latency at fixed rates, "
                + "and the connector's records/s per task";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        E2eSettings settings = E2eSettings.from(context.options());
        List<ServerUnderTest> servers = startServers(context, settings.servers());
        E2eResults results = new E2eResults(settings);
        ScenarioReport report = ScenarioReport.of(ID, context.command());
        Path work = Files.createTempDirectory(Files.createDirectories(context.workDir()), "e2e-");
        try (E2eRig rig = E2eRig.start(settings, work, context.cpu())) {
            warmUp(rig, servers, settings.warmupRecords());
            for (int round = 0; round < context.rounds(); round++) {
                List<ServerUnderTest> order = new ArrayList<>(servers);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (ServerUnderTest server : order) {
                    measure(context, rig, server, round, results, report);
                }
            }
            report.note(method(settings, rig, context));
        } finally {
            deleteRecursively(work);
        }
        results.writeTo(report, name -> context.plotFile(ID, name));
        return report;
    }

    private static List<ServerUnderTest> startServers(BenchContext context, List<String> names) throws IOException {
        List<ServerUnderTest> servers = new ArrayList<>();
        for (String name : names) {
            servers.add(name.equals("dsk") ? context.startGateway(Map.of()) : context.startReference());
        }
        return servers;
    }

    /** One unrecorded saturating run per server, so that JIT compilation is not measured. */
    private static void warmUp(E2eRig rig, List<ServerUnderTest> servers, long records) throws Exception {
        if (records > 0) {
            for (ServerUnderTest server : servers) {
                new SaturationRun(rig, server).run(records, "warmup");
            }
        }
    }

    private static void measure(BenchContext context, E2eRig rig, ServerUnderTest server, int round,
            E2eResults results, ScenarioReport report) throws Exception {
        List<Integer> rates = rig.settings().rates();
        for (int rate : rates) {
            boolean profile = round == 0 && rate == Collections.max(rates) && server.name().equals("dsk");
            LatencyResult result;
            if (profile) {
                result = profiled(context, server, rate, report,
                        () -> new LatencyRun(rig, server).run(rate, context.duration(), "r" + round));
            } else {
                result = new LatencyRun(rig, server).run(rate, context.duration(), "r" + round);
            }
            results.add(server.name(), rate, round, result);
            System.out.printf(Locale.ROOT, "e2e %s %,d rec/s round %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                    + "%,d missing%n", server.name(), rate, round, result.p50Millis(), result.p99Millis(),
                    result.maxMillis(), result.missing());
        }
        long backlog = rig.settings().saturationRecords();
        if (backlog > 0) {
            SaturationRun.Result result = new SaturationRun(rig, server).run(backlog, "r" + round);
            results.addSaturation(server.name(), result);
            System.out.printf(Locale.ROOT, "e2e %s saturation round %d: %.0f rec/s/task steady, %.0f from start%n",
                    server.name(), round, result.steadyPerTask(), result.fromStartPerTask());
        }
    }

    /** A run with JFR recording the gateway and this process (broker, worker, connector) throughout. */
    private static LatencyResult profiled(BenchContext context, ServerUnderTest server, int rate, ScenarioReport report,
            Callable<LatencyResult> run) throws Exception {
        String label = ID + "-" + server.name() + "-" + rate;
        ProfileSession gateway = context.startProfile(server, label);
        BenchProcessRecording bench = BenchProcessRecording.start(context.resultsDir().resolve("profiles")
                .resolve(context.date() + "-" + ID + "-bench-process-" + rate + ".jfr"));
        try {
            return run.call();
        } finally {
            gateway.stop().ifPresent(report::profile);
            report.profile(bench.stop());
        }
    }

    /** Options that bear on latency; the report names the defaults of those left unset. */
    private static final List<String> LATENCY_OPTIONS = List.of("ds.linger.ms", "ds.batch.max.records",
            "ds.max.in.flight.requests", "consumer.override.fetch.min.bytes", "consumer.override.fetch.max.wait.ms");
    private static final String CONSUMER_OVERRIDE = "consumer.override.";

    private static String method(E2eSettings settings, E2eRig rig, BenchContext context) {
        Map<String, String> connector = new TreeMap<>(settings.connectorConfig("NAME", "TOPIC", "URL"));
        List.of("name", "connector.class", "topics", "ds.url").forEach(connector::remove);
        Map<String, String> defaults = latencyDefaults(rig);
        connector.keySet().forEach(defaults::remove);
        return String.format(Locale.ROOT, "Latency is measured from each record's scheduled send time (a paced "
                + "Kafka producer, acks=all, linger.ms=0, stamps the due time into the JSON value, so a late "
                + "producer adds to the latency) to the moment an SSE subscriber (`?offset=-1&live=sse`, one "
                + "thread each, java.net.http) has read the whole `data` event holding it; producer and "
                + "subscribers share one JVM clock. \"Kafka alone\" is the same measure taken by a plain Kafka "
                + "consumer of the topic at Kafka's fetch defaults: the producer's and Kafka's share of the "
                + "latency; the rest is the connector, the server and SSE.%n%n"
                + "%d streams over %d partitions, %d subscribers per stream, %d-byte JSON values, %d s warm-up "
                + "before each %d s measured window. Kafka broker (KRaft) and Connect worker (standalone, offset "
                + "flush every %d ms) run in the benchmark process. Connector settings: %s; unset, so at their "
                + "defaults: %s. The connector always sends the idempotent-producer headers and the gateway's "
                + "source-range extension; the reference server ignores the extension, so against it delivery is "
                + "exactly-once within a task session only.%n%n"
                + "The connector records/s come from a saturating run: a backlog of %,d records, then the time "
                + "until the connector's consumer group has committed every offset (it commits only what the "
                + "server acknowledged). Other processes on the machine make every figure noisy: see machine "
                + "busy in the run table.", settings.streams(), settings.partitions(),
                settings.subscribersPerStream(), settings.payloadBytes(), settings.warmup().toSeconds(),
                context.duration().toSeconds(), rig.offsetFlushMillis(), connector, defaults,
                settings.saturationRecords());
    }

    /** The defaults of {@link #LATENCY_OPTIONS}: the plugin's as its worker reports them, and Kafka's consumer's. */
    private static Map<String, String> latencyDefaults(E2eRig rig) {
        Map<String, String> plugin = rig.pipeline().connectorDefaults(KafkaConnectPipeline.CONNECTOR_CLASS);
        Map<String, Object> consumer = ConsumerConfig.configDef().defaultValues();
        Map<String, String> defaults = new TreeMap<>();
        for (String option : LATENCY_OPTIONS) {
            defaults.put(option, option.startsWith(CONSUMER_OVERRIDE)
                    ? String.valueOf(consumer.get(option.substring(CONSUMER_OVERRIDE.length())))
                    : plugin.get(option));
        }
        return defaults;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
