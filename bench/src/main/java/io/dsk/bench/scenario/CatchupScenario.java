package io.dsk.bench.scenario;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.HotMethods;
import io.dsk.bench.run.ProfileSession;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerCpu;
import io.dsk.bench.run.ServerKind;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 2, catch-up reads: a 100 MB stream read from offset {@code -1} to the tail by one
 * reader, and 1,000 small streams read from the start by 16 concurrent readers, over and over for
 * {@code --seconds}, with the server's CPU time per GET. Streams are written before the clock
 * starts; reads follow {@code Stream-Next-Offset} until {@code Stream-Up-To-Date}. Four servers,
 * each started fresh per round: the gateway with RocksDB and in memory, the reference file-backed
 * and in memory.
 *
 * <p>Options ({@code --set}): {@code stream-mb=100}, {@code small-streams=1000},
 * {@code small-messages=1}, {@code small-bytes=1000}, {@code readers=16}, {@code warmup-passes=5},
 * {@code catchup.servers=dsk,dsk-memory,reference,reference-memory}, {@code profile=on|off}.
 */
public final class CatchupScenario implements Scenario {

    static final Target TARGET = Target.ratioAtLeast(20);
    /** The gateway's bound on server CPU time per small catch-up GET. */
    static final Target SMALL_GET_CPU_TARGET = Target.absoluteAtMost(15);
    /** The gateway's bound on reading the large stream, in GB/s. */
    static final Target LARGE_READ_TARGET = Target.absoluteAtLeast(2);
    /** Points of each latency CDF plot, read off the histogram at evenly spaced percentiles. */
    private static final int CDF_POINTS = 400;
    private static final int APPEND_BYTES = 1_000_000;

    @Override
    public String id() {
        return "catchup";
    }

    @Override
    public String description() {
        return "catch-up reads: a 100 MB stream from -1 to the tail, and 1,000 small streams read once each";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        Settings s = new Settings(context);
        SampleTable table = new SampleTable();
        Map<String, List<double[]>> progress = new LinkedHashMap<>();
        Map<String, double[]> smallLatencies = new LinkedHashMap<>();
        List<String> threadShares = new ArrayList<>();
        double maxGenerator = 0;
        for (int round = 0; round < context.rounds(); round++) {
            List<ServerKind> order = new ArrayList<>(s.servers);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (ServerKind kind : order) {
                try (ServerUnderTest server = kind.start(context, Map.of())) {
                    String prefix = "bench/catchup/r" + round + "-" + Long.toString(System.nanoTime(), 36);
                    warmUp(server, s, prefix + "/warm");
                    CatchupReads.writeLargeStream(server, prefix + "/large", s.appends, APPEND_BYTES);
                    CpuMeter.Window cpu = context.cpu().start(server);
                    CatchupReads.SequentialRead large = CatchupReads.readFromStart(server, prefix + "/large",
                            s.largeBytes());
                    maxGenerator = Math.max(maxGenerator, cpu.stop().generatorShare());
                    List<String> small = CatchupReads.writeSmallStreams(server, prefix + "/small", s.smallStreams,
                            s.smallMessages, s.smallBytes);
                    cpu = context.cpu().start(server);
                    ServerCpu.Meter serverCpu = ServerCpu.start(server);
                    ClosedLoopLoad.Result reads = CatchupReads.readRepeatedly(server, small, s.smallStreamBytes(),
                            s.readers, context.duration());
                    ServerCpu used = serverCpu.stop();
                    maxGenerator = Math.max(maxGenerator, cpu.stop().generatorShare());
                    SmallReads figures = new SmallReads(reads.completed(), reads.seconds(), reads.allSucceeded(),
                            used.cpuSeconds(), s.smallStreams);
                    record(table, s, kind, large, reads, figures);
                    threadShares.add(String.format(Locale.ROOT, "r%d %s: %s", round, kind.id(),
                            used.byThreadGroup(reads.allSucceeded())));
                    progress.put(kind.id(), large.progress());
                    smallLatencies.put(kind.id(), reads.latencies().quantilesMillis(CDF_POINTS));
                    System.out.printf(Locale.ROOT, "  %-16s %8.1f MB/s in %d responses; %8.0f small GETs/s, "
                            + "%6.1f µs server CPU per GET%n", kind.id(), large.megabytesPerSecond(),
                            large.responses(), reads.perSecond(), figures.serverMicrosPerGet());
                }
            }
            System.out.printf(Locale.ROOT, "catchup: round %d/%d done%n", round + 1, context.rounds());
        }
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        table.figures().forEach(report::figure);
        report.loadGeneratorCpu(maxGenerator);
        report.note(String.format(Locale.ROOT, "Servers: %s, each started fresh per round; each gateway is compared "
                + "with the reference of the same storage (the `storage` parameter). The %d MB stream is written in "
                + "1 MB appends, then read by one keep-alive connection, one GET at a time, each from the previous "
                + "response's Stream-Next-Offset, until Stream-Up-To-Date. The %,d small streams hold %d append(s) "
                + "of %d bytes each and are read with one GET from offset -1 each, by %d concurrent keep-alive "
                + "connections, over and over for %d s; a read counts only if it returns the whole stream. Server "
                + "CPU per small GET is the server process's CPU time over that window divided by every GET it "
                + "answered in it. Before them, each server reads other streams of the same shapes (a %d MB stream "
                + "and %,d small streams) %d times, unmeasured, so that the figures are of a warm server.",
                ServerKind.ids(s.servers), s.appends, s.smallStreams, s.smallMessages, s.smallBytes, s.readers,
                context.duration().toSeconds(), Math.max(1, s.appends / 10), s.smallStreams, s.warmupPasses));
        report.note("Server CPU per small GET by thread group (from /proc/<pid>/task, the groups above 2% of the "
                + "total; names as the kernel keeps them, 15 characters): " + String.join("; ", threadShares) + ".");
        plot(context, report, progress, smallLatencies);
        profileWeakest(context, s, table, report);
        return report;
    }

    private static void record(SampleTable table, Settings s, ServerKind server, CatchupReads.SequentialRead large,
            ClosedLoopLoad.Result small, SmallReads figures) {
        Map<String, Object> largeParams = new LinkedHashMap<>();
        largeParams.put("stream MB", s.appends);
        largeParams.put("storage", server.storage());
        table.add(new SampleTable.Key("catch-up read", "MB/s", largeParams, Direction.HIGHER, Optional.of(TARGET)),
                server.role(), large.megabytesPerSecond());
        table.add(new SampleTable.Key("catch-up read", "GB/s", largeParams, Direction.HIGHER,
                Optional.of(LARGE_READ_TARGET)), server.role(), large.megabytesPerSecond() / 1000);
        table.add(new SampleTable.Key("GETs to reach the tail", "", largeParams, Direction.LOWER, Optional.empty()),
                server.role(), large.responses());
        Map<String, Object> smallParams = new LinkedHashMap<>();
        smallParams.put("streams", s.smallStreams);
        smallParams.put("bytes each", s.smallStreamBytes());
        smallParams.put("readers", s.readers);
        smallParams.put("storage", server.storage());
        table.add(new SampleTable.Key("small streams read", "streams/s", smallParams, Direction.HIGHER,
                Optional.of(TARGET)), server.role(), small.perSecond());
        table.add(new SampleTable.Key("time to read all small streams", "s", smallParams, Direction.LOWER,
                Optional.empty()), server.role(), figures.secondsPerPass());
        table.add(new SampleTable.Key("small stream read latency p99", "ms", smallParams, Direction.LOWER,
                Optional.empty()), server.role(), small.latencies().percentileMillis(99));
        table.add(new SampleTable.Key("server CPU per small GET", "µs", smallParams, Direction.LOWER,
                Optional.of(SMALL_GET_CPU_TARGET)), server.role(), figures.serverMicrosPerGet());
    }

    private static void plot(BenchContext context, ScenarioReport report, Map<String, List<double[]>> progress,
            Map<String, double[]> smallLatencies) {
        Map<String, double[][]> lines = new LinkedHashMap<>();
        progress.forEach((server, points) -> lines.put(server, new double[][] {
            points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()}));
        report.plot(Plots.lineChart(context.plotFile("catchup", "large-stream-progress"),
                "Reading the large stream from -1 (last round)", "seconds", "MB read", lines));
        report.plot(Plots.latencyCdf(context.plotFile("catchup", "small-stream-latency"),
                "Read latency of each small stream (last round)", smallLatencies));
    }

    /**
     * Unmeasured reads of other streams of the same shapes, so that the measured reads time a warm
     * server rather than its first seconds of compiling (a 1,000-stream pass is over in well under a
     * second): a large stream of a tenth of the size and the small streams, each read
     * {@code warmup-passes} times.
     */
    private static void warmUp(ServerUnderTest server, Settings s, String prefix) throws IOException {
        if (s.warmupPasses == 0) {
            return;
        }
        int largeAppends = Math.max(1, s.appends / 10);
        CatchupReads.writeLargeStream(server, prefix + "/large", largeAppends, APPEND_BYTES);
        List<String> small = CatchupReads.writeSmallStreams(server, prefix + "/small", s.smallStreams,
                s.smallMessages, s.smallBytes);
        for (int pass = 0; pass < s.warmupPasses; pass++) {
            CatchupReads.readFromStart(server, prefix + "/large", (long) largeAppends * APPEND_BYTES);
            CatchupReads.readEachOnce(server, small, s.smallStreamBytes(), s.readers);
        }
    }

    /** Reruns the read furthest from its target against a fresh gateway under JFR, for up to 30 s. */
    private static void profileWeakest(BenchContext context, Settings s, SampleTable table, ScenarioReport report)
            throws IOException {
        if (context.option("profile", "on").equals("off")) {
            return;
        }
        Optional<Figure> weakest = table.figures().stream().filter(f -> !f.targetMet().orElse(true))
                .filter(f -> f.shortfall().isPresent())
                .max((a, b) -> Double.compare(a.shortfall().getAsDouble(), b.shortfall().getAsDouble()));
        if (weakest.isEmpty()) {
            return;
        }
        boolean large = weakest.get().name().equals("catch-up read");
        Duration length = ProfileLength.of(context);
        try (ServerUnderTest dsk = context.startGateway(Map.of())) {
            String prefix = "bench/catchup/profile";
            List<String> small = large ? List.of() : CatchupReads.writeSmallStreams(dsk, prefix + "/small",
                    s.smallStreams, s.smallMessages, s.smallBytes);
            if (large) {
                CatchupReads.writeLargeStream(dsk, prefix + "/large", s.appends, APPEND_BYTES);
            }
            ProfileSession session = context.startProfile(dsk, "catchup-" + (large ? "large-stream" : "small-streams"));
            long end = System.nanoTime() + length.toNanos();
            int passes = 0;
            do {
                if (large) {
                    CatchupReads.readFromStart(dsk, prefix + "/large", s.largeBytes());
                } else {
                    CatchupReads.readEachOnce(dsk, small, s.smallStreamBytes(), s.readers);
                }
                passes++;
            } while (System.nanoTime() < end);
            Optional<Path> recording = session.stop();
            recording.ifPresent(jfr -> report.profile(jfr).profile(HotMethods.summaryFile(jfr)));
            report.note(String.format(Locale.ROOT, "The weakest figure against the target is %s: the gateway needs "
                    + "%.1f× to meet %s. JFR of the gateway during %d repeated reads (%d s) is in the profiles "
                    + "below, with a text summary of the hottest methods.", weakest.get().name(),
                    weakest.get().shortfall().getAsDouble(), weakest.get().target().orElseThrow().describe(weakest.get().unit()), passes, length.toSeconds()));
        }
    }

    /** The scenario's options with their defaults. */
    private static final class Settings {
        final int appends;
        final int smallStreams;
        final int smallMessages;
        final int smallBytes;
        final int readers;
        final int warmupPasses;
        final List<ServerKind> servers;

        Settings(BenchContext context) {
            servers = ServerKind.parseList("catchup.servers",
                    context.option("catchup.servers", ServerKind.ids(List.of(ServerKind.values()))));
            appends = (int) context.longOption("stream-mb", 100);
            smallStreams = (int) context.longOption("small-streams", 1_000);
            smallMessages = (int) context.longOption("small-messages", 1);
            smallBytes = (int) context.longOption("small-bytes", 1_000);
            readers = (int) context.longOption("readers", 16);
            warmupPasses = (int) context.longOption("warmup-passes", 5);
            if (appends < 1 || smallStreams < 1 || smallMessages < 1 || smallBytes < 1 || readers < 1) {
                throw new IllegalArgumentException("stream-mb, small-streams, small-messages, small-bytes and readers "
                        + "must be at least 1");
            }
            if (warmupPasses < 0) {
                throw new IllegalArgumentException("warmup-passes must be 0 (no warm-up) or more, got " + warmupPasses);
            }
        }

        long largeBytes() {
            return (long) appends * APPEND_BYTES;
        }

        long smallStreamBytes() {
            return (long) smallMessages * smallBytes;
        }
    }
}
