package io.dsk.bench.scenario;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Spread;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.HotMethods;
import io.dsk.bench.run.ProfileSession;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerCpu;
import io.dsk.bench.run.ServerKind;
import io.dsk.bench.run.ServerThreads;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Scenario 6, many streams, the ds-bench shape: 256-byte binary appends by closed-loop writers
 * spread over 100, 1,000, 10,000 and 100,000 streams ({@link StreamSpread}). Per cardinality and
 * server, a fresh server creates the streams (timed), takes a short warm-up, then a
 * {@link SaturationLadder} raises the writers until throughput stops rising, and the load is held
 * at the best step for {@code --seconds} while the server's CPU time, the generator's and the
 * server's RSS are measured. Four servers: the gateway with RocksDB and with {@code --in-memory},
 * the reference server file-backed and in memory; each gateway is compared with the reference of
 * the same storage.
 *
 * <p>Options ({@code --set}): {@code streams.counts=100,1000,10000,100000},
 * {@code streams.ladder=16,64,256,1024}, {@code streams.step-seconds=3}, {@code streams.bytes=256},
 * {@code streams.warmup-seconds=15}, {@code streams.servers=dsk,dsk-memory,reference,reference-memory},
 * {@code streams.create-connections=64}, {@code streams.profile=1000} (the cardinality whose
 * held load is rerun on the RocksDB gateway under JFR; {@code off} for none).
 */
public final class StreamsScenario implements Scenario {

    /** The capability's bound on the gateway's CPU per durable append. */
    static final Target CPU_TARGET = Target.absoluteAtMost(8);
    /** The capability's bound on the gateway's RSS with 100,000 streams under load. */
    static final Target RSS_TARGET = Target.absoluteAtMost(600);
    /** How long a reopened server may take to be ready (a million streams may be loaded at start). */
    static final Duration REOPEN_WITHIN = Duration.ofMinutes(30);

    @Override
    public String id() {
        return "streams";
    }

    @Override
    public String description() {
        return "many streams: 256-byte appends over 100..100,000 streams, saturation ladder, CPU per append, RSS";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        Settings s = Settings.of(context);
        Measurements m = new Measurements(context, s);
        for (int round = 0; round < context.rounds(); round++) {
            for (int count : s.counts()) {
                List<ServerKind> order = new ArrayList<>(s.servers());
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (ServerKind server : order) {
                    m.cell(server, count, round);
                }
            }
            System.out.printf(Locale.ROOT, "streams: round %d/%d done%n", round + 1, context.rounds());
        }
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        m.table.figures().forEach(report::figure);
        m.describeInto(report);
        if (!s.profile().equals("off")) {
            m.profile(Integer.parseInt(s.profile()), report);
        }
        return report;
    }

    /** The scenario's options. */
    record Settings(List<Integer> counts, List<Integer> ladder, Duration step, int bytes, boolean json,
            Duration warmup, List<ServerKind> servers, int createConnections, String profile, boolean fill,
            boolean reopen) {

        static Settings of(BenchContext context) {
            List<ServerKind> servers = ServerKind.parseList("streams.servers",
                    context.option("streams.servers", ServerKind.ids(List.of(ServerKind.values()))));
            String profile = context.option("streams.profile", "1000");
            if (!profile.equals("off") && !profile.matches("[0-9]+")) {
                throw new IllegalArgumentException("--set streams.profile: a stream count or off, got " + profile);
            }
            return new Settings(context.intListOption("streams.counts", List.of(100, 1_000, 10_000, 100_000)),
                    context.intListOption("streams.ladder", List.of(16, 64, 256, 1024)),
                    Duration.ofSeconds(context.longOption("streams.step-seconds", 3)),
                    (int) context.longOption("streams.bytes", 256), body(context),
                    Duration.ofSeconds(context.longOption("streams.warmup-seconds", 15)), servers,
                    (int) context.longOption("streams.create-connections", 64), profile,
                    onOff(context, "streams.fill"), onOff(context, "streams.reopen"));
        }

        private static boolean body(BenchContext context) {
            String value = context.option("streams.body", "binary");
            if (!value.equals("binary") && !value.equals("json")) {
                throw new IllegalArgumentException("--set streams.body: binary or json, got " + value);
            }
            return value.equals("json");
        }

        /** The streams' content type. */
        String contentType() {
            return json ? "application/json" : PreEncodedRequests.CONTENT_TYPE;
        }

        /** Every append's body. */
        byte[] body() {
            return json ? PreEncodedRequests.jsonPayload(bytes) : PreEncodedRequests.payload(bytes);
        }

        private static boolean onOff(BenchContext context, String key) {
            String value = context.option(key, "on");
            if (!value.equals("on") && !value.equals("off")) {
                throw new IllegalArgumentException("--set " + key + ": on or off, got " + value);
            }
            return value.equals("on");
        }
    }

    static Map<String, Object> params(int streams, ServerKind server) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("streams", streams);
        params.put("storage", server.storage());
        return params;
    }

    /** Runs cells and keeps their samples. */
    static final class Measurements {

        private final BenchContext context;
        private final Settings settings;
        private final SampleTable table = new SampleTable();
        private final List<String> ladders = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final List<String> threadShares = new ArrayList<>();
        private final Map<String, Integer> heldWriters = new LinkedHashMap<>();
        private final List<String> reopened = new ArrayList<>();
        private double maxGeneratorShare;
        private long maxGeneratorHeap;

        Measurements(BenchContext context, Settings settings) {
            this.context = context;
            this.settings = settings;
        }

        void cell(ServerKind kind, int count, int round) throws IOException {
            String name = kind.id();
            try (ServerUnderTest server = kind.start(context, Map.of())) {
                Prepared prepared = prepare(server, count, "r" + round);
                add("creates/s", "1/s", count, kind, Direction.HIGHER, Optional.empty(), prepared.createsPerSecond());
                add("time to create the streams", "s", count, kind, Direction.LOWER, Optional.empty(),
                        prepared.createSeconds());
                if (settings.fill()) {
                    add("first appends/s", "1/s", count, kind, Direction.HIGHER, Optional.empty(),
                            fill(server, prepared));
                    add("server RSS after creating and one append each", "MiB", count, kind, Direction.LOWER,
                            Optional.empty(), server.rssBytes() / 1048576.0);
                }
                if (!settings.warmup().isZero()) {
                    load(server, prepared, Math.min(64, settings.ladder().get(settings.ladder().size() - 1)),
                            settings.warmup());
                }
                SaturationLadder ladder = new SaturationLadder(settings.ladder());
                while (!ladder.done()) {
                    ladder.record(load(server, prepared, ladder.nextWriters(), settings.step()).perSecond());
                }
                int writers = ladder.heldWriters();
                ladders.add(String.format(Locale.ROOT, "r%d %s, %,d streams: %s → hold %d", round, name, count,
                        describe(ladder.steps()), writers));
                heldWriters.put(name + "/" + count, writers);
                long[] ticksBefore = CpuMeter.userSystemTicks(server.pid());
                ServerThreads.Snapshot threadsBefore = ServerThreads.read(server.pid());
                CpuMeter.Window cpu = context.cpu().start(server);
                ClosedLoopLoad.Result held = load(server, prepared, writers, context.duration());
                CpuMeter.Usage usage = cpu.stop();
                long[] ticksAfter = CpuMeter.userSystemTicks(server.pid());
                threadShares.add(String.format(Locale.ROOT, "r%d %s, %,d streams: %s", round, name, count,
                        ServerCpu.byThreadGroup(ServerThreads.ticksByGroup(threadsBefore,
                                ServerThreads.read(server.pid())), held.allSucceeded())));
                add("server CPU in the kernel", "%", count, kind, Direction.LOWER, Optional.empty(),
                        StreamsCell.kernelShare(ticksBefore, ticksAfter) * 100);
                long rss = server.rssBytes();
                StreamsCell cell = new StreamsCell(held.perSecond(),
                        usage.serverCores().get(name) * usage.wallSeconds(), held.allSucceeded(),
                        usage.generatorShare() * usage.wallSeconds() * context.cpu().cores(), usage.wallSeconds(),
                        context.cpu().cores());
                record(kind, count, writers, held, cell, rss);
                maxGeneratorHeap = Math.max(maxGeneratorHeap, GeneratorHeap.usedBytes());
                System.out.printf(Locale.ROOT, "  %-16s %,8d streams %4d writers %10.0f appends/s  p99 %7.2f ms  "
                                + "%6.1f µs/append  rss %5.0f MiB  generator %3.0f%%%n", name, count, writers,
                        held.perSecond(), held.latencies().percentileMillis(99), cell.serverMicrosPerAppend(),
                        rss / 1048576.0, cell.generatorShare() * 100);
                if (settings.reopen() && kind.fileBacked()) {
                    reopen(server, kind, count, prepared);
                }
            }
        }

        private void record(ServerKind name, int count, int writers, ClosedLoopLoad.Result held, StreamsCell cell,
                long rss) {
            boolean durable = name.fileBacked();
            add("appends/s", "1/s", count, name, Direction.HIGHER, Optional.empty(), held.perSecond());
            add("append latency p50", "ms", count, name, Direction.LOWER, Optional.empty(),
                    held.latencies().percentileMillis(50));
            add("append latency p99", "ms", count, name, Direction.LOWER, Optional.empty(),
                    held.latencies().percentileMillis(99));
            add("server CPU per append", "µs", count, name, Direction.LOWER,
                    durable ? Optional.of(CPU_TARGET) : Optional.empty(), cell.serverMicrosPerAppend());
            add("server cores busy", "", count, name, Direction.LOWER, Optional.empty(), cell.serverCores());
            add("server RSS", "MiB", count, name, Direction.LOWER,
                    durable && count >= 100_000 ? Optional.of(RSS_TARGET) : Optional.empty(), rss / 1048576.0);
            add("writers held", "", count, name, Direction.HIGHER, Optional.empty(), writers);
            add("generator CPU per append", "µs", count, name, Direction.LOWER, Optional.empty(),
                    cell.generatorMicrosPerAppend());
            add("generator CPU share", "%", count, name, Direction.LOWER, Optional.empty(),
                    cell.generatorShare() * 100);
            maxGeneratorShare = Math.max(maxGeneratorShare, cell.generatorShare());
            if (held.failures() > 0) {
                failures.add(String.format(Locale.ROOT, "%s, %,d streams: %d failed appends, first %s", name.id(), count,
                        held.failures(), held.firstFailure()));
            }
        }

        /** Both sides of a comparison share a key: a target (judged on the gateway's median) is part of it. */
        private void add(String figure, String unit, int count, ServerKind server, Direction better,
                Optional<Target> target, double value) {
            table.add(new SampleTable.Key(figure, unit, params(count, server), better, target), server.role(), value);
        }

        /**
         * The cell's streams, created with several connections, and their requests, encoded on
         * demand (nothing kept per stream).
         */
        record Prepared(NumberedStreamRequests requests, double createsPerSecond, double createSeconds) {

            int streams() {
                return requests.count();
            }
        }

        Prepared prepare(ServerUnderTest server, int count, String prefix) throws IOException {
            return prepare(server, count, prefix, List.of());
        }

        /**
         * Creates the cell's streams and, interleaved with the first of them, the streams the
         * {@code between} requests create: one after each, so that a server numbering streams in
         * the order they come gives those streams numbers among the cell's own.
         */
        Prepared prepare(ServerUnderTest server, int count, String prefix, List<ByteBuffer> between)
                throws IOException {
            String base = "bench/streams/" + prefix + "-" + count + "-" + Long.toString(System.nanoTime(), 36) + "/s";
            NumberedStreamRequests requests = NumberedStreamRequests.of(server, base, count, settings.contentType(),
                    settings.body());
            int pairs = Math.min(count, between.size());
            int total = count + between.size();
            IntFunction<ByteBuffer> interleaved = i -> {
                if (i < 2 * pairs) {
                    return i % 2 == 0 ? requests.create(i / 2) : between.get(i / 2);
                }
                // Past the pairs: the rest of the cell's streams (from stream `pairs`), then the rest of between.
                return i - pairs < count ? requests.create(i - pairs) : between.get(i - count);
            };
            ClosedLoopLoad.Result created = eachOnce(server, total, interleaved,
                    r -> r.status() == 201 || r.status() == 200);
            if (created.failures() > 0 || created.completed() != total) {
                throw new IOException(server.name() + ": created " + created.completed() + " of " + total
                        + " streams (" + created.failures() + " failed, first: " + created.firstFailure() + ")");
            }
            return new Prepared(requests, total / created.seconds(), created.seconds());
        }

        /**
         * One append to every stream, over the create connections; returns acknowledged appends per
         * second. Failed appends (the reference file-backed answers some concurrent appends with 404)
         * are noted, as in the held load.
         */
        double fill(ServerUnderTest server, Prepared prepared) throws IOException {
            ClosedLoopLoad.Result filled = eachOnce(server, prepared.streams(), prepared.requests()::append,
                    PreEncodedRequests::appended);
            if (filled.completed() == 0) {
                throw new IOException(server.name() + ": no first append of " + prepared.streams()
                        + " streams was acknowledged (" + filled.failures() + " failed, first: "
                        + filled.firstFailure() + ")");
            }
            if (filled.failures() > 0) {
                failures.add(String.format(Locale.ROOT, "%s, %,d streams, first appends: %d failed, first %s",
                        server.name(), prepared.streams(), filled.failures(), filled.firstFailure()));
            }
            return filled.perSecond();
        }

        /** One request per stream, stream i on connection i mod connections, until every stream had one. */
        private ClosedLoopLoad.Result eachOnce(ServerUnderTest server, int count,
                IntFunction<ByteBuffer> request, Predicate<CountingResponseReader.Response> ok) throws IOException {
            int connections = Math.min(settings.createConnections(), count);
            long[] next = new long[connections];
            return new ClosedLoopLoad(server.baseUri(), connections).run(c -> {
                long i = c + next[c]++ * (long) connections;
                return i < count ? request.apply((int) i) : null;
            }, (c, r) -> ok.test(r), Duration.ZERO, Duration.ofHours(1));
        }

        /**
         * Stops a file-backed server and starts it on the same data directory: the time from starting
         * the process until it is ready (the gateway's {@code /readyz} answers 200; the reference's
         * ready line), then checks that the last stream still answers a read.
         */
        private void reopen(ServerUnderTest server, ServerKind kind, int count, Prepared prepared) throws IOException {
            long start = System.nanoTime();
            ServerUnderTest again = context.reopen(server, REOPEN_WITHIN);
            try {
                double readyLine = (System.nanoTime() - start) / 1e9;
                double ready = kind.role().equals("dsk") ? Readiness.await(again, start, REOPEN_WITHIN)
                        : readyLine;
                Readiness.requireReadable(again, prepared.requests().target(count - 1));
                add("time to reopen the data dir", "s", count, kind, Direction.LOWER, Optional.empty(), ready);
                add("server RSS after reopening", "MiB", count, kind, Direction.LOWER, Optional.empty(),
                        again.rssBytes() / 1048576.0);
                reopened.add(String.format(Locale.ROOT, "%s, %,d streams: ready line after %.2f s, ready after %.2f s",
                        kind.id(), count, readyLine, ready));
                System.out.printf(Locale.ROOT, "  %-16s %,8d streams reopened: ready after %.2f s (ready line %.2f s)%n",
                        kind.id(), count, ready, readyLine);
            } finally {
                again.close();
            }
        }

        ClosedLoopLoad.Result load(ServerUnderTest server, Prepared prepared, int writers, Duration window)
                throws IOException {
            StreamSpread spread = new StreamSpread(writers, prepared.streams());
            long[] sent = new long[writers];
            ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), writers).run(
                    w -> prepared.requests().append(spread.streamOf(w, sent[w]++)),
                    (w, r) -> PreEncodedRequests.appended(r), Duration.ZERO, window);
            if (result.allSucceeded() == 0) {
                throw new IOException(server.name() + ", " + prepared.streams() + " streams, " + writers
                        + " writers: no append was acknowledged (" + result.failures() + " failed, first: "
                        + result.firstFailure() + ")");
            }
            return result;
        }

        /** Reruns the held load of one cardinality on a fresh RocksDB gateway under JFR. */
        void profile(int count, ScenarioReport report) throws IOException {
            int writers = heldWriters.getOrDefault("dsk/" + count, 64);
            try (ServerUnderTest dsk = context.startGateway(Map.of())) {
                Prepared prepared = prepare(dsk, count, "profile");
                load(dsk, prepared, writers, settings.warmup().isZero() ? Duration.ofSeconds(5) : settings.warmup());
                ProfileSession session = context.startProfile(dsk, "streams-" + count + "-" + writers + "w");
                load(dsk, prepared, writers, ProfileLength.of(context));
                Optional<Path> recording = session.stop();
                recording.ifPresent(jfr -> report.profile(jfr).profile(HotMethods.summaryFile(jfr)));
                report.note(String.format(Locale.ROOT, "JFR of the RocksDB gateway during a %d s rerun of the "
                        + "%,d-stream cell at %d writers is in the profiles below, with its hot-method summary.",
                        ProfileLength.of(context).toSeconds(), count, writers));
            }
        }

        void describeInto(ScenarioReport report) {
            report.loadGeneratorCpu(maxGeneratorShare);
            report.note(String.format(Locale.ROOT, "Each cell: a fresh server creates the streams (%d connections, "
                    + "timed as creates/s), takes %d s of load unrecorded, then a saturation ladder of %s writers, "
                    + "%d s a step, stops at the first step that is not %.0f%% above the best before it; the load is "
                    + "held at the best step for --seconds, and that window gives every other figure. Writer w's "
                    + "k-th append goes to stream (w + k·writers) mod streams; %s, `%s`. Server CPU per append is "
                    + "the server process's CPU time over the held load divided by every append it acknowledged; "
                    + "the generator's likewise. The load generator's highest CPU share of the machine was %.0f%%.",
                    settings.createConnections(), settings.warmup().toSeconds(), settings.ladder(),
                    settings.step().toSeconds(), SaturationLadder.RISE * 100, settings.json()
                    ? String.format(Locale.ROOT, "JSON arrays of 100-byte messages, %,d bytes", settings.body().length)
                    : settings.bytes() + "-byte random bodies", settings.contentType(), maxGeneratorShare * 100));
            report.note("Ladders (appends/s per step): " + String.join("; ", ladders) + ".");
            report.note(String.format(Locale.ROOT, "Before the warm-up%s. The load generator keeps nothing per "
                    + "stream (each request is encoded from the stream's number when sent); its heap: at most %,.0f "
                    + "MiB in use after a cell, of %,.0f MiB allowed (`-Xmx`).", settings.fill()
                    ? ", one append to every stream over the create connections (first appends/s), then the "
                    + "server's RSS (server RSS after creating and one append each)" : "",
                    maxGeneratorHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
            if (!reopened.isEmpty()) {
                report.note("Time to reopen the data dir (file-backed servers, after the held load): the server is "
                        + "stopped (SIGTERM, its shutdown not timed), then the same command starts on the same data "
                        + "directory; timed from starting the process until the gateway's `/readyz` answers 200 or, "
                        + "for the reference, its ready line; then a read of the last stream must answer 200. "
                        + String.join("; ", reopened) + ".");
            }
            report.note("Server CPU per append by thread group over the held load (from /proc/<pid>/task, the "
                    + "groups above 2% of the total; names as the kernel keeps them, 15 characters): "
                    + String.join("; ", threadShares) + ".");
            scaling(report);
            if (!failures.isEmpty()) {
                report.note("Failed appends (left out of appends/s, first appends/s and latency): " + String.join("; ", failures)
                        + ".");
            }
        }

        private void scaling(ScenarioReport report) {
            List<Integer> counts = settings.counts();
            if (counts.size() < 2) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (ServerKind server : settings.servers()) {
                SampleTable.Key fewest = new SampleTable.Key("appends/s", "1/s", params(counts.get(0), server),
                        Direction.HIGHER, Optional.empty());
                SampleTable.Key most = new SampleTable.Key("appends/s", "1/s",
                        params(counts.get(counts.size() - 1), server), Direction.HIGHER, Optional.empty());
                List<Double> a = table.get(fewest, server.role());
                List<Double> b = table.get(most, server.role());
                if (!a.isEmpty() && !b.isEmpty()) {
                    parts.add(String.format(Locale.ROOT, "%s %.2f×", server.id(),
                            StreamsCell.scaling(Spread.of(a).median(), Spread.of(b).median())));
                }
            }
            report.note(String.format(Locale.ROOT, "Throughput at %,d streams over throughput at %,d (medians; "
                    + "1.00× or more is \"does not fall\"): %s.", counts.get(counts.size() - 1), counts.get(0),
                    String.join(", ", parts)));
        }

        private static String describe(List<SaturationLadder.Step> steps) {
            List<String> parts = new ArrayList<>();
            for (SaturationLadder.Step s : steps) {
                parts.add(String.format(Locale.ROOT, "%d: %,.0f", s.writers(), s.perSecond()));
            }
            return String.join(", ", parts);
        }
    }
}
