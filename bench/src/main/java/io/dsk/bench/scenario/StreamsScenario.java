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
    /** Clock ticks per second of {@code /proc} CPU times (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100;
    static final List<String> SERVERS = List.of("dsk", "dsk-memory", "reference", "reference-memory");

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
                List<String> order = new ArrayList<>(s.servers());
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String server : order) {
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
    record Settings(List<Integer> counts, List<Integer> ladder, Duration step, int bytes, Duration warmup,
            List<String> servers, int createConnections, String profile) {

        static Settings of(BenchContext context) {
            List<String> servers = List.of(context.option("streams.servers", String.join(",", SERVERS)).split(","));
            for (String server : servers) {
                if (!SERVERS.contains(server)) {
                    throw new IllegalArgumentException("--set streams.servers: unknown server '" + server
                            + "'; choose from " + SERVERS);
                }
            }
            String profile = context.option("streams.profile", "1000");
            if (!profile.equals("off") && !profile.matches("[0-9]+")) {
                throw new IllegalArgumentException("--set streams.profile: a stream count or off, got " + profile);
            }
            return new Settings(context.intListOption("streams.counts", List.of(100, 1_000, 10_000, 100_000)),
                    context.intListOption("streams.ladder", List.of(16, 64, 256, 1024)),
                    Duration.ofSeconds(context.longOption("streams.step-seconds", 3)),
                    (int) context.longOption("streams.bytes", 256),
                    Duration.ofSeconds(context.longOption("streams.warmup-seconds", 15)), servers,
                    (int) context.longOption("streams.create-connections", 64), profile);
        }
    }

    /** Which side of a like-for-like comparison a server is on, and its storage. */
    static String role(String server) {
        return server.startsWith("dsk") ? "dsk" : "reference";
    }

    static String storage(String server) {
        return server.endsWith("-memory") ? "memory" : "durable";
    }

    static Map<String, Object> params(int streams, String server) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("streams", streams);
        params.put("storage", storage(server));
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
        private double maxGeneratorShare;

        Measurements(BenchContext context, Settings settings) {
            this.context = context;
            this.settings = settings;
        }

        private ServerUnderTest start(String server) throws IOException {
            return switch (server) {
                case "dsk" -> context.startGateway(Map.of());
                case "dsk-memory" -> context.startGatewayInMemory(Map.of());
                case "reference" -> context.startReference(false);
                default -> context.startReference(true);
            };
        }

        void cell(String name, int count, int round) throws IOException {
            try (ServerUnderTest server = start(name)) {
                Prepared prepared = prepare(server, count, "r" + round);
                add("creates/s", "1/s", count, name, Direction.HIGHER, Optional.empty(), prepared.createsPerSecond());
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
                        describeThreads(ServerThreads.ticksByGroup(threadsBefore, ServerThreads.read(server.pid())),
                                held.allSucceeded())));
                add("server CPU in the kernel", "%", count, name, Direction.LOWER, Optional.empty(),
                        StreamsCell.kernelShare(ticksBefore, ticksAfter) * 100);
                long rss = server.rssBytes();
                StreamsCell cell = new StreamsCell(held.perSecond(),
                        usage.serverCores().get(name) * usage.wallSeconds(), held.allSucceeded(),
                        usage.generatorShare() * usage.wallSeconds() * context.cpu().cores(), usage.wallSeconds(),
                        context.cpu().cores());
                record(name, count, writers, held, cell, rss);
                System.out.printf(Locale.ROOT, "  %-16s %,8d streams %4d writers %10.0f appends/s  p99 %7.2f ms  "
                                + "%6.1f µs/append  rss %5.0f MiB  generator %3.0f%%%n", name, count, writers,
                        held.perSecond(), held.latencies().percentileMillis(99), cell.serverMicrosPerAppend(),
                        rss / 1048576.0, cell.generatorShare() * 100);
            }
        }

        private void record(String name, int count, int writers, ClosedLoopLoad.Result held, StreamsCell cell,
                long rss) {
            boolean durable = storage(name).equals("durable");
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
                failures.add(String.format(Locale.ROOT, "%s, %,d streams: %d failed appends, first %s", name, count,
                        held.failures(), held.firstFailure()));
            }
        }

        /** Both sides of a comparison share a key: a target (judged on the gateway's median) is part of it. */
        private void add(String figure, String unit, int count, String server, Direction better,
                Optional<Target> target, double value) {
            table.add(new SampleTable.Key(figure, unit, params(count, server), better, target), role(server), value);
        }

        /** The cell's streams, created with several connections, and one pre-encoded append per stream. */
        record Prepared(int streams, ByteBuffer[] appends, double createsPerSecond) {
        }

        Prepared prepare(ServerUnderTest server, int count, String prefix) throws IOException {
            String base = "bench/streams/" + prefix + "-" + count + "-" + Long.toString(System.nanoTime(), 36) + "/s";
            byte[] body = PreEncodedRequests.payload(settings.bytes());
            ByteBuffer[] creates = new ByteBuffer[count];
            ByteBuffer[] appends = new ByteBuffer[count];
            String host = ClosedLoopLoad.host(server.baseUri());
            for (int i = 0; i < count; i++) {
                String target = PreEncodedRequests.target(server, base + i);
                creates[i] = PreEncodedRequests.request("PUT", host, target,
                        Map.of("Content-Type", PreEncodedRequests.CONTENT_TYPE), new byte[0]);
                appends[i] = PreEncodedRequests.request("POST", host, target,
                        Map.of("Content-Type", PreEncodedRequests.CONTENT_TYPE), body);
            }
            int connections = Math.min(settings.createConnections(), count);
            long[] next = new long[connections];
            ClosedLoopLoad.Result created = new ClosedLoopLoad(server.baseUri(), connections).run(c -> {
                long i = c + next[c]++ * (long) connections;
                return i < count ? creates[(int) i] : null;
            }, (c, r) -> r.status() == 201 || r.status() == 200, Duration.ZERO, Duration.ofHours(1));
            if (created.failures() > 0 || created.completed() != count) {
                throw new IOException(server.name() + ": created " + created.completed() + " of " + count
                        + " streams (" + created.failures() + " failed, first: " + created.firstFailure() + ")");
            }
            return new Prepared(count, appends, count / created.seconds());
        }

        ClosedLoopLoad.Result load(ServerUnderTest server, Prepared prepared, int writers, Duration window)
                throws IOException {
            StreamSpread spread = new StreamSpread(writers, prepared.streams());
            long[] sent = new long[writers];
            ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), writers).run(
                    w -> prepared.appends()[spread.streamOf(w, sent[w]++)],
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
                    + "k-th append goes to stream (w + k·writers) mod streams; %d-byte random bodies, "
                    + "`application/octet-stream`. Server CPU per append is the server process's CPU time over the "
                    + "held load divided by every append it acknowledged; the generator's likewise. The load "
                    + "generator's highest CPU share of the machine was %.0f%%.",
                    settings.createConnections(), settings.warmup().toSeconds(), settings.ladder(),
                    settings.step().toSeconds(), SaturationLadder.RISE * 100, settings.bytes(),
                    maxGeneratorShare * 100));
            report.note("Ladders (appends/s per step): " + String.join("; ", ladders) + ".");
            report.note("Server CPU per append by thread group over the held load (from /proc/<pid>/task, the "
                    + "groups above 2% of the total; names as the kernel keeps them, 15 characters): "
                    + String.join("; ", threadShares) + ".");
            scaling(report);
            if (!failures.isEmpty()) {
                report.note("Failed appends (left out of appends/s and latency): " + String.join("; ", failures)
                        + ".");
            }
        }

        private void scaling(ScenarioReport report) {
            List<Integer> counts = settings.counts();
            if (counts.size() < 2) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (String server : settings.servers()) {
                SampleTable.Key fewest = new SampleTable.Key("appends/s", "1/s", params(counts.get(0), server),
                        Direction.HIGHER, Optional.empty());
                SampleTable.Key most = new SampleTable.Key("appends/s", "1/s",
                        params(counts.get(counts.size() - 1), server), Direction.HIGHER, Optional.empty());
                List<Double> a = table.get(fewest, role(server));
                List<Double> b = table.get(most, role(server));
                if (!a.isEmpty() && !b.isEmpty()) {
                    parts.add(String.format(Locale.ROOT, "%s %.2f×", server,
                            StreamsCell.scaling(Spread.of(a).median(), Spread.of(b).median())));
                }
            }
            report.note(String.format(Locale.ROOT, "Throughput at %,d streams over throughput at %,d (medians; "
                    + "1.00× or more is \"does not fall\"): %s.", counts.get(counts.size() - 1), counts.get(0),
                    String.join(", ", parts)));
        }

        /** "name 12.3 µs" per thread group above 2% of the server's CPU, per acknowledged append. */
        static String describeThreads(Map<String, Long> ticksByGroup, long appends) {
            long total = ticksByGroup.values().stream().mapToLong(Long::longValue).sum();
            List<String> parts = new ArrayList<>();
            ticksByGroup.forEach((group, ticks) -> {
                if (total > 0 && appends > 0 && ticks * 50 >= total) {
                    parts.add(String.format(Locale.ROOT, "%s %.1f µs", group, ticks * 1e6 / TICKS_PER_SECOND / appends));
                }
            });
            return parts.isEmpty() ? "nothing measured" : String.join(", ", parts);
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
