package io.dsk.bench.scenario;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Spread;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.HotMethods;
import io.dsk.bench.run.ProfileSession;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 1, durable appends: 100-byte appends by 1, 16, 64 and 256 concurrent writers, each on
 * its own stream and all on one shared stream, then 1 MB appends. Every writer is a keep-alive
 * connection of one {@link ClosedLoopLoad}: it sends its next append when the previous one is
 * acknowledged, so the figures are acknowledged (durable) appends.
 *
 * <p>Options ({@code --set}): {@code writers=1,16,64,256}, {@code bytes=100},
 * {@code large-bytes=1000000}, {@code large-writers=4}, {@code profile=on|off}.
 */
public final class AppendsScenario implements Scenario {

    static final Target TARGET = Target.ratioAtLeast(20);
    /** Points of each latency CDF plot, read off the histogram at evenly spaced percentiles. */
    private static final int CDF_POINTS = 400;

    @Override
    public String id() {
        return "appends";
    }

    @Override
    public String description() {
        return "durable appends: 100-byte appends at 1..256 writers, own streams and one shared stream; 1 MB appends";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        List<AppendCase> cases = cases(context);
        AppendMeasurements measurements = new AppendMeasurements(context);
        for (int round = 0; round < context.rounds(); round++) {
            boolean last = round == context.rounds() - 1;
            try (SideBySide servers = SideBySide.start(context, round)) {
                for (ServerUnderTest server : servers.inOrder()) {
                    measurements.warmUp(server, "r" + round + "-warm");
                }
                for (AppendCase c : cases) {
                    for (ServerUnderTest server : servers.inOrder()) {
                        measurements.measure(server, c, "r" + round, last);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "appends: round %d/%d done%n", round + 1, context.rounds());
        }
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        measurements.table().figures().forEach(report::figure);
        measurements.describeInto(report);
        plot(context, cases, measurements, report);
        profileWeakest(context, measurements, report);
        return report;
    }

    static List<AppendCase> cases(BenchContext context) {
        int bytes = (int) context.longOption("bytes", 100);
        List<AppendCase> cases = new ArrayList<>();
        for (boolean shared : new boolean[] {false, true}) {
            for (int writers : context.intListOption("writers", List.of(1, 16, 64, 256))) {
                cases.add(new AppendCase(writers, shared, bytes));
            }
        }
        int largeWriters = (int) context.longOption("large-writers", 4);
        cases.add(new AppendCase(largeWriters, false, (int) context.longOption("large-bytes", 1_000_000)));
        return cases;
    }

    private static void plot(BenchContext context, List<AppendCase> cases, AppendMeasurements m, ScenarioReport report) {
        Map<String, double[][]> throughput = new LinkedHashMap<>();
        for (String server : List.of("dsk", "reference")) {
            for (boolean shared : new boolean[] {false, true}) {
                List<AppendCase> line = cases.stream().filter(c -> c.sharedStream() == shared && c.bytes() < 1_000_000)
                        .toList();
                double[] xs = line.stream().mapToDouble(AppendCase::writers).toArray();
                double[] ys = line.stream().mapToDouble(c -> m.medianThroughput(c, server)).toArray();
                throughput.put(server + (shared ? ", one shared stream" : ", stream per writer"), new double[][] {xs, ys});
            }
        }
        report.plot(Plots.lineChart(context.plotFile("appends", "throughput"), "Acknowledged 100-byte appends/s",
                "concurrent writers", "appends/s (median of rounds)", throughput));
        report.plot(Plots.latencyCdf(context.plotFile("appends", "latency-own-streams"),
                "Append latency, stream per writer (last round)", m.lastLatencies(false)));
        report.plot(Plots.latencyCdf(context.plotFile("appends", "latency-shared-stream"),
                "Append latency, one shared stream (last round)", m.lastLatencies(true)));
    }

    /** Reruns the case furthest from its target on a fresh gateway under JFR. */
    private static void profileWeakest(BenchContext context, AppendMeasurements m, ScenarioReport report)
            throws IOException {
        if (context.option("profile", "on").equals("off")) {
            return;
        }
        Optional<Figure> weakest = m.table().figures().stream().filter(f -> !f.targetMet().orElse(true))
                .filter(f -> f.shortfall().isPresent())
                .max((a, b) -> Double.compare(a.shortfall().getAsDouble(), b.shortfall().getAsDouble()));
        if (weakest.isEmpty()) {
            return;
        }
        AppendCase c = m.caseOf(weakest.get());
        Duration length = ProfileLength.of(context);
        try (ServerUnderTest dsk = context.startGateway(Map.of())) {
            m.warmUp(dsk, "profile-warm");
            ProfileSession session = context.startProfile(dsk, "appends-" + c.writers() + "w-"
                    + (c.sharedStream() ? "shared" : "own") + "-" + c.bytes() + "b");
            m.load(dsk, c, "profile", Duration.ZERO, length);
            Optional<Path> recording = session.stop();
            recording.ifPresent(jfr -> report.profile(jfr).profile(HotMethods.summaryFile(jfr)));
            report.note(String.format(Locale.ROOT, "The weakest case against the target is %s (%s): the gateway "
                    + "needs %.1f× more to meet %s. JFR of the gateway during a %d s rerun of that case is in the "
                    + "profiles below, with a text summary of the hottest methods.", c.label(),
                    weakest.get().name(), weakest.get().shortfall().getAsDouble(),
                    TARGET.describe(""), length.toSeconds()));
        }
    }

    /** Runs the cases against servers and keeps their samples, latencies and CPU shares. */
    static final class AppendMeasurements {

        private final BenchContext context;
        private final SampleTable table = new SampleTable();
        private final Map<SampleTable.Key, AppendCase> caseByKey = new LinkedHashMap<>();
        private final Map<Boolean, Map<String, double[]>> lastLatencies = Map.of(false, new LinkedHashMap<>(),
                true, new LinkedHashMap<>());
        private final SampleTable failures = new SampleTable();
        private final List<String> failureCauses = new ArrayList<>();
        private double maxGeneratorShare;
        private String maxGeneratorCase = "";

        AppendMeasurements(BenchContext context) {
            this.context = context;
        }

        SampleTable table() {
            return table;
        }

        AppendCase caseOf(Figure figure) {
            return caseByKey.entrySet().stream()
                    .filter(e -> e.getKey().name().equals(figure.name()) && e.getKey().params().equals(figure.params()))
                    .findFirst().orElseThrow().getValue();
        }

        Map<String, double[]> lastLatencies(boolean shared) {
            return lastLatencies.get(shared);
        }

        double medianThroughput(AppendCase c, String server) {
            List<Double> samples = table.get(throughputKey(c), server);
            return samples.isEmpty() ? Double.NaN : Spread.of(samples).median();
        }

        /**
         * 16 writers for {@code warmup-seconds} (default 10), not recorded, so that each server's
         * compiler is done with the append path before the first measurement: a fresh JVM spends the
         * first 15 to 20 s of load partly compiling.
         */
        void warmUp(ServerUnderTest server, String prefix) throws IOException {
            long seconds = context.longOption("warmup-seconds", 10);
            if (seconds < 0) {
                throw new IllegalArgumentException("warmup-seconds must be 0 or more, got " + seconds);
            }
            if (seconds > 0) {
                load(server, new AppendCase(16, false, 100), prefix, Duration.ZERO, Duration.ofSeconds(seconds));
            }
        }

        void measure(ServerUnderTest server, AppendCase c, String prefix, boolean lastRound) throws IOException {
            Duration warmup = Duration.ofMillis(Math.min(1_000, context.duration().toMillis() / 5));
            CpuMeter.Window cpu = context.cpu().start(server);
            ClosedLoopLoad.Result result = load(server, c, prefix, warmup, context.duration());
            CpuMeter.Usage usage = cpu.stop();
            record(server.name(), c, result, usage);
            if (lastRound && c.bytes() < 1_000_000 && result.completed() > 0) {
                lastLatencies.get(c.sharedStream()).put(server.name() + ", " + c.label().replace(" on one stream", ""),
                        result.latencies().quantilesMillis(CDF_POINTS));
            }
            System.out.printf(Locale.ROOT, "  %-10s %-36s %10.0f acknowledged/s  p99 %8.2f ms  generator %3.0f%%%n",
                    server.name(), c.label(), result.perSecond(),
                    result.completed() > 0 ? result.latencies().percentileMillis(99) : Double.NaN,
                    usage.generatorShare() * 100);
        }

        ClosedLoopLoad.Result load(ServerUnderTest server, AppendCase c, String prefix, Duration warmup,
                Duration window) throws IOException {
            String base = "bench/appends/" + prefix + "-" + Long.toString(System.nanoTime(), 36);
            List<String> streams = new ArrayList<>();
            ByteBuffer[] requests = new ByteBuffer[c.writers()];
            byte[] body = PreEncodedRequests.payload(c.bytes());
            for (int w = 0; w < c.writers(); w++) {
                String stream = c.streamOf(base, w);
                if (w == 0 || !c.sharedStream()) {
                    streams.add(stream);
                }
                requests[w] = PreEncodedRequests.append(server, stream, body);
            }
            PreEncodedRequests.create(server, streams);
            ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), c.writers())
                    .run(i -> requests[i], (i, r) -> PreEncodedRequests.appended(r), warmup, window);
            if (result.allSucceeded() == 0) {
                throw new IOException(server.name() + ", " + c.label() + ": no append was acknowledged ("
                        + result.failures() + " failed, first: " + result.firstFailure() + ")");
            }
            return result;
        }

        private void record(String server, AppendCase c, ClosedLoopLoad.Result result, CpuMeter.Usage usage) {
            boolean large = c.bytes() >= 1_000_000;
            double throughput = large ? result.completed() * (double) c.bytes() / 1e6 / result.seconds()
                    : result.perSecond();
            add(throughputKey(c), server, throughput, c);
            if (result.completed() > 0) {
                add(key("append latency p50", "ms", c, Direction.LOWER, false), server,
                        result.latencies().percentileMillis(50), c);
                add(key("append latency p99", "ms", c, Direction.LOWER, false), server,
                        result.latencies().percentileMillis(99), c);
            }
            double serverCpuSeconds = usage.serverCores().get(server) * usage.wallSeconds();
            add(key("server CPU per append", "µs", c, Direction.LOWER, false), server,
                    serverCpuSeconds * 1e6 / result.allSucceeded(), c);
            if (result.failures() > 0) {
                failures.add(key("failed appends", "%", c, Direction.LOWER, false), server,
                        100.0 * result.failures() / (result.failures() + result.allSucceeded()));
                failureCauses.add(server + ", " + c.label() + ": " + result.failures() + " failed, first "
                        + result.firstFailure());
            }
            if (usage.generatorShare() > maxGeneratorShare) {
                maxGeneratorShare = usage.generatorShare();
                maxGeneratorCase = server + ", " + c.label();
            }
        }

        private void add(SampleTable.Key key, String server, double value, AppendCase c) {
            table.add(key, server, value);
            caseByKey.putIfAbsent(key, c);
        }

        private static SampleTable.Key throughputKey(AppendCase c) {
            return c.bytes() >= 1_000_000 ? key("append throughput", "MB/s", c, Direction.HIGHER, true)
                    : key("appends/s", "1/s", c, Direction.HIGHER, true);
        }

        private static SampleTable.Key key(String name, String unit, AppendCase c, Direction better, boolean target) {
            return new SampleTable.Key(name, unit, c.params(), better, target ? Optional.of(TARGET) : Optional.empty());
        }

        /** Failure rates of the cases where either server failed appends; 0 for a server without failures. */
        List<Figure> failureFigures() {
            List<Figure> figures = new ArrayList<>();
            for (Figure f : table.figures()) {
                if (!f.name().equals("appends/s") && !f.name().equals("append throughput")) {
                    continue;
                }
                SampleTable.Key key = key("failed appends", "%", caseOf(f), Direction.LOWER, false);
                List<Double> dsk = failures.get(key, "dsk");
                List<Double> ref = failures.get(key, "reference");
                if (!dsk.isEmpty() || !ref.isEmpty()) {
                    figures.add(Figure.of(key.name(), key.unit(), key.params(), padded(dsk, f.dsk().size()),
                            padded(ref, f.reference().size()), Direction.LOWER));
                }
            }
            return figures;
        }

        private static List<Double> padded(List<Double> failed, int rounds) {
            List<Double> out = new ArrayList<>(failed);
            while (out.size() < rounds) {
                out.add(0.0);
            }
            return out;
        }

        void describeInto(ScenarioReport report) {
            failureFigures().forEach(report::figure);
            if (!failureCauses.isEmpty()) {
                report.note("Appends that failed are left out of appends/s and latency (the writer goes on with "
                        + "its next append): " + String.join("; ", failureCauses) + ". With more than 100 streams "
                        + "written at once, the reference server (@durable-streams/server 0.3.7, file-backed) "
                        + "evicts file handles from its pool of 100 while an fsync waits on them and answers "
                        + "404 (\"Cannot fsync: handle not found\").");
            }
            report.loadGeneratorCpu(maxGeneratorShare);
            report.note(String.format(Locale.ROOT, "Each writer is one keep-alive HTTP/1.1 connection that sends its "
                    + "next append (random bytes, `application/octet-stream`) when the previous one is acknowledged; "
                    + "all writers run on one selector thread of the load generator. Only appends acknowledged within the measured window, after a "
                    + "warm-up of min(1 s, duration/5), count, with their latency; each round starts with %d s of "
                    + "16 writers on each server, unrecorded. Server CPU "
                    + "per append is the server process's CPU time over the whole load divided by every append it "
                    + "acknowledged. The load generator's highest CPU share was %.0f%% of the machine (%s).",
                    context.longOption("warmup-seconds", 10), maxGeneratorShare * 100, maxGeneratorCase));
        }
    }
}
