package io.dsk.bench.live;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Spread;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Scenario 4, idle connections: the memory each server needs per open, idle SSE connection, at
 * 10,000 and 50,000 connections. Each round starts each server afresh, warms it up with a
 * thousand connections opened and closed, takes a baseline, then opens the connections in steps
 * (all on one stream, from 16 loopback source addresses) and measures again once every connection
 * got its first control event and a settling pause passed.
 *
 * <p>Options ({@code --set}): {@code idle.connections} (default 10000,50000), {@code idle.threads}
 * subscriber selector threads (2), {@code idle.settle-seconds} (5), {@code idle.warm-up} (1000).
 */
public final class IdleConnectionsScenario implements Scenario {

    private static final double RSS_TARGET_KIB = 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);
    private static final Map<String, String> GATEWAY_OPTIONS = Map.of("sse-close-interval", "30m");

    @Override
    public String id() {
        return "idle";
    }

    @Override
    public String description() {
        return "resident memory and heap per idle SSE connection at 10,000 and 50,000 connections";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        List<Integer> steps = context.intListOption("idle.connections", List.of(10_000, 50_000)).stream()
                .sorted().toList();
        if (steps.isEmpty() || steps.get(0) < 1) {
            throw new IllegalArgumentException("idle.connections must list positive counts, e.g. 10000,50000");
        }
        long wantedFiles = steps.get(steps.size() - 1) + FanOutScenario.FILES_BESIDES_CONNECTIONS;
        long limit = ProcessLimits.raiseOpenFiles(ProcessHandle.current().pid(), wantedFiles);
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        if (limit < wantedFiles) {
            steps = capped(steps, limit - FanOutScenario.FILES_BESIDES_CONNECTIONS);
            report.note("Connections capped at " + steps.get(steps.size() - 1) + ": "
                    + ProcessLimits.shortfall(limit, wantedFiles) + ".");
        }
        Map<String, List<List<IdleSample>>> samples = new LinkedHashMap<>();
        double generatorShare = 0;
        for (int round = 0; round < context.rounds(); round++) {
            List<String> order = round % 2 == 0 ? List.of(FanOutResults.DSK, FanOutResults.REFERENCE)
                    : List.of(FanOutResults.REFERENCE, FanOutResults.DSK);
            for (String name : order) {
                ServerUnderTest server = name.equals(FanOutResults.DSK) ? context.startGateway(GATEWAY_OPTIONS)
                        : context.startReference();
                try {
                    if (ProcessLimits.raiseOpenFiles(server.pid(), wantedFiles) < Math.min(limit, wantedFiles)) {
                        throw new IOException(name + ": " + ProcessLimits.shortfall(limit, wantedFiles));
                    }
                    CpuMeter.Window cpu = context.cpu().start(server);
                    List<IdleSample> measured = measure(context, server, steps);
                    generatorShare = Math.max(generatorShare, cpu.stop().generatorShare());
                    samples.computeIfAbsent(name, n -> new ArrayList<>()).add(measured);
                    measured.forEach(s -> System.out.println(describe(server, s)));
                } catch (IOException e) {
                    report.note(String.format(Locale.ROOT, "Round %d, %s: not measured: %s", round + 1, name,
                            e.getMessage()));
                    System.out.printf(Locale.ROOT, "round %d %s failed: %s%n", round + 1, name, e);
                } finally {
                    server.close();
                }
            }
        }
        figures(report, steps, samples);
        plot(context, report, steps, samples);
        notes(report, samples, context);
        return report.loadGeneratorCpu(generatorShare);
    }

    /** The steps with every count above {@code most} replaced by {@code most}, without repeats. */
    static List<Integer> capped(List<Integer> steps, long most) {
        return steps.stream().map(s -> (int) Math.min(s, most)).distinct().sorted().toList();
    }

    private static List<IdleSample> measure(BenchContext context, ServerUnderTest server, List<Integer> steps)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        BenchStreams.Created stream = new BenchStreams(http).create(server,
                "bench-" + Long.toString(System.currentTimeMillis(), 36) + "/idle", 1).get(0);
        int threads = (int) context.longOption("idle.threads", 2);
        Duration settle = Duration.ofSeconds(context.longOption("idle.settle-seconds", 5));
        try (SubscriberFleet warmUp = new SubscriberFleet(server.baseUri(), threads, 128)) {
            open(warmUp, server, stream, (int) context.longOption("idle.warm-up", 1_000));
        }
        Thread.sleep(settle.toMillis());
        ServerMemory baseline = ServerMemory.of(server);
        List<IdleSample> measured = new ArrayList<>();
        try (SubscriberFleet fleet = new SubscriberFleet(server.baseUri(), threads, 128)) {
            for (int connections : steps) {
                long start = System.nanoTime();
                open(fleet, server, stream, connections - fleet.subscribed());
                double connectSeconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(settle.toMillis());
                measured.add(new IdleSample(connections, baseline, ServerMemory.of(server), connectSeconds));
            }
        }
        return measured;
    }

    private static void open(SubscriberFleet fleet, ServerUnderTest server, BenchStreams.Created stream, int more)
            throws IOException, InterruptedException {
        fleet.subscribe(LiveMode.SSE, stream.path(), stream.tail(), more);
        SubscriberCounts counts = fleet.counts();
        if (!fleet.await(counts::ready, CONNECT_TIMEOUT) || counts.failed() > 0) {
            throw new IOException(String.format(Locale.ROOT,
                    "%s: of %d SSE connections %d got their first control event and %d failed (first: %s)",
                    server.name(), fleet.subscribed(), counts.ready(), counts.failed(), counts.firstFailure()));
        }
    }

    private static void figures(ScenarioReport report, List<Integer> steps,
            Map<String, List<List<IdleSample>>> samples) {
        for (int i = 0; i < steps.size(); i++) {
            int step = i;
            Map<String, Object> params = Map.of("connections", steps.get(i));
            List<Double> dskRss = values(samples, FanOutResults.DSK, step, IdleSample::rssKibPerConnection);
            if (dskRss.isEmpty()) {
                continue;
            }
            report.figure(Figure.of("RSS per idle SSE connection", "KiB", params, dskRss,
                    values(samples, FanOutResults.REFERENCE, step, IdleSample::rssKibPerConnection), Direction.LOWER)
                    .withTarget(Target.absoluteAtMost(RSS_TARGET_KIB)));
            report.figure(Figure.of("RSS per idle SSE connection, gateway after full GC", "KiB", params,
                    values(samples, FanOutResults.DSK, step, IdleSample::rssAfterGcKibPerConnection),
                    values(samples, FanOutResults.REFERENCE, step, IdleSample::rssAfterGcKibPerConnection),
                    Direction.LOWER));
            report.figure(Figure.of("heap per idle SSE connection (live set)", "KiB", params,
                    values(samples, FanOutResults.DSK, step, IdleSample::heapKibPerConnection), List.of(),
                    Direction.LOWER));
            report.figure(Figure.of("server RSS with the connections open", "MiB", params,
                    values(samples, FanOutResults.DSK, step, s -> s.loaded().rssBytes() / 1048576.0),
                    values(samples, FanOutResults.REFERENCE, step, s -> s.loaded().rssBytes() / 1048576.0),
                    Direction.LOWER));
            report.figure(Figure.of("server threads with the connections open", "", params,
                    values(samples, FanOutResults.DSK, step, s -> s.loaded().threads()),
                    values(samples, FanOutResults.REFERENCE, step, s -> s.loaded().threads()), Direction.LOWER));
        }
    }

    private static void plot(BenchContext context, ScenarioReport report, List<Integer> steps,
            Map<String, List<List<IdleSample>>> samples) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        samples.forEach((server, rounds) -> {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                List<Double> values = values(samples, server, i, IdleSample::rssKibPerConnection);
                if (!values.isEmpty()) {
                    xs.add((double) steps.get(i));
                    ys.add(Spread.of(values).median());
                }
            }
            if (!xs.isEmpty()) {
                series.put(server, new double[][] {
                    xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()});
            }
        });
        if (!series.isEmpty()) {
            report.plot(Plots.lineChart(context.plotFile("idle", "rss-per-connection"),
                    "resident memory per idle SSE connection", "idle SSE connections", "KiB per connection (median)",
                    series));
        }
    }

    private static void notes(ScenarioReport report, Map<String, List<List<IdleSample>>> samples,
            BenchContext context) {
        report.note("Per round and server: a fresh server (the gateway with `--sse-close-interval 30m` so no "
                + "connection is closed while measured), one JSON stream, " + context.longOption("idle.warm-up", 1_000)
                + " SSE connections opened and closed as a warm-up, then the baseline; then the SSE connections "
                + "are opened in steps and measured once each got its first control event and "
                + context.longOption("idle.settle-seconds", 5) + " s passed. Per-connection figures are the growth "
                + "over the baseline divided by the connections. RSS is VmRSS of /proc; the gateway's heap is "
                + "`jcmd GC.heap_info` after `jcmd GC.run` (the live set), so the gateway figure 'after full GC' "
                + "is measured after that collection at both points, the target figure without it. The reference "
                + "(Node) reports RSS only. Clients are raw HTTP/1.1 connections on " + context.longOption(
                        "idle.threads", 2) + " NIO selector threads, bound round-robin to "
                + SubscriberFleet.LOOPBACK_SOURCES + " loopback source addresses.");
        report.note("Memory figures are less sensitive than latency to other processes on the machine, but "
                + "under load the settling pause may not be long enough; see the load average above.");
        StringBuilder table = new StringBuilder("| server | connections | seconds to open | RSS MiB before → with | "
                + "heap MiB before → with | threads before → with |\n| --- | --- | --- | --- | --- | --- |\n");
        samples.forEach((server, rounds) -> rounds.forEach(round -> round.forEach(s -> table.append(String.format(
                Locale.ROOT, "| %s | %d | %.1f | %.0f → %.0f | %s | %d → %d |%n", server, s.connections(),
                s.connectSeconds(), s.baseline().rssBytes() / 1048576.0, s.loaded().rssBytes() / 1048576.0,
                s.loaded().heapBytes() < 0 ? "–" : String.format(Locale.ROOT, "%.0f → %.0f",
                        s.baseline().heapBytes() / 1048576.0, s.loaded().heapBytes() / 1048576.0),
                s.baseline().threads(), s.loaded().threads())))));
        report.note(table.toString());
    }

    private static List<Double> values(Map<String, List<List<IdleSample>>> samples, String server, int step,
            ToDoubleFunction<IdleSample> value) {
        List<Double> values = new ArrayList<>();
        for (List<IdleSample> round : samples.getOrDefault(server, List.of())) {
            double v = value.applyAsDouble(round.get(step));
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values;
    }

    private static String describe(ServerUnderTest server, IdleSample s) {
        return String.format(Locale.ROOT, "%-9s %6d idle SSE connections: RSS %.1f KiB/conn (%.1f after GC), "
                + "heap %.1f KiB/conn, %d threads, opened in %.1f s", server.name(), s.connections(),
                s.rssKibPerConnection(), s.rssAfterGcKibPerConnection(), s.heapKibPerConnection(),
                s.loaded().threads(), s.connectSeconds());
    }
}
