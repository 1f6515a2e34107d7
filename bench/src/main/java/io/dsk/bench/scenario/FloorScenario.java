package io.dsk.bench.scenario;

import io.dsk.bench.live.SseDeliveryCell;
import io.dsk.bench.report.Direction;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerCpu;
import io.dsk.bench.run.ServerKind;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The floor under the server CPU per request on this machine: the same appends and small GETs as the
 * streams and catch-up scenarios, sent by the same load generator, to
 * {@link io.dsk.bench.floor.FloorServer} (an HTTP/1.1 server that stores nothing: one read per
 * request, one write per answer) and to the gateway, in the same run. What the floor server spends
 * is what the system calls and the loopback TCP path cost here; what the gateway spends above it is
 * its own. In this scenario's figures the reference column is the floor server, so a ratio is the
 * gateway's cost over the floor. {@link io.dsk.bench.floor.UndertowFloor}, the gateway's HTTP server
 * with nothing of the gateway in it, runs too, to tell the HTTP server's share from the gateway's.
 * Live reads too: SSE subscribers spread over streams with a light writer, as in the connections
 * scenario, on the floor server (one write per subscriber and message, from the thread that read the
 * append) and on the gateways (Undertow alone has no live reads), for the server CPU per delivery.
 *
 * <p>Options ({@code --set}): {@code floor.servers=dsk} (gateways; {@code dsk-memory} keeps every
 * append on its heap, which a long warm-up fills), {@code floor.writers=64,256},
 * {@code floor.streams=1000}, {@code floor.readers=16}, {@code floor.warmup-seconds=15},
 * {@code floor.floors=on} ({@code off} runs the gateways only, e.g. to compare gateway jars),
 * {@code floor.read-body=bytes} ({@code json}: the small streams are JSON streams, each holding one
 * append of about 10 messages of about 100 bytes, which the gateways answer as that array; the floor
 * servers, which store nothing, answer their usual body), {@code floor.read-from=cache} ({@code tables}:
 * the small streams are created among the append streams, so numbered among them, and written before
 * the appends, which push them out of the memtable into table files whose key ranges take them in, and
 * the gateways run without their entry cache: every small GET is a read of the table files),
 * {@code floor.sse-subscribers=2048} (0: no live reads), {@code floor.sse-streams=100},
 * {@code floor.sse-rate=100} (appends per second over all streams), {@code floor.sse-warmup-seconds=120}
 * (at that light load the gateway's JIT compilers were still busy after 60 s).
 */
public final class FloorScenario implements Scenario {

    private static final String FLOOR = "floor";
    private static final String UNDERTOW = "undertow";
    private static final int APPEND_BYTES = 256;
    private static final int READ_BYTES = 1000;

    @Override
    public String id() {
        return "floor";
    }

    @Override
    public String description() {
        return "the floor: server CPU per append and per small GET of a do-nothing HTTP/1.1 server beside the gateway's";
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        List<ServerKind> gateways = ServerKind.parseList("floor.servers", context.option("floor.servers", "dsk"));
        for (ServerKind kind : gateways) {
            if (!kind.role().equals("dsk")) {
                throw new IllegalArgumentException("--set floor.servers: gateways only (dsk, dsk-memory), got "
                        + kind.id());
            }
        }
        List<Integer> writers = context.intListOption("floor.writers", List.of(64, 256));
        int streams = (int) context.longOption("floor.streams", 1000);
        int readers = (int) context.longOption("floor.readers", 16);
        Duration warmup = Duration.ofSeconds(context.longOption("floor.warmup-seconds", 15));
        String floorsOption = context.option("floor.floors", "on");
        if (!floorsOption.equals("on") && !floorsOption.equals("off")) {
            throw new IllegalArgumentException("--set floor.floors: on or off, got " + floorsOption);
        }
        boolean floors = floorsOption.equals("on");
        String readBodyOption = context.option("floor.read-body", "bytes");
        if (!readBodyOption.equals("bytes") && !readBodyOption.equals("json")) {
            throw new IllegalArgumentException("--set floor.read-body: bytes or json, got " + readBodyOption);
        }
        boolean jsonReads = readBodyOption.equals("json");
        byte[] readBody = jsonReads ? PreEncodedRequests.jsonPayload(READ_BYTES) : PreEncodedRequests.payload(READ_BYTES);
        String readType = jsonReads ? PreEncodedRequests.JSON_CONTENT_TYPE : PreEncodedRequests.CONTENT_TYPE;
        String readFrom = context.option("floor.read-from", "cache");
        if (!readFrom.equals("cache") && !readFrom.equals("tables")) {
            throw new IllegalArgumentException("--set floor.read-from: cache or tables, got " + readFrom);
        }
        boolean fromTables = readFrom.equals("tables");
        Map<String, String> gatewayOptions = new LinkedHashMap<>(SseDeliveryCell.GATEWAY_OPTIONS);
        if (fromTables) {
            gatewayOptions.put("entry-cache-bytes", "0");
        }
        Optional<SseDeliveryCell> sse = sseCell(context);
        StreamsScenario.Measurements appends = new StreamsScenario.Measurements(context,
                new StreamsScenario.Settings(List.of(streams), writers, Duration.ofSeconds(1), APPEND_BYTES, false,
                        warmup, gateways, 64, "off", false, false));
        SampleTable table = new SampleTable();
        List<String> threadShares = new ArrayList<>();
        double maxGenerator = 0;
        for (int round = 0; round < context.rounds(); round++) {
            List<Cell> cells = new ArrayList<>();
            if (floors) {
                cells.add(new Cell(FLOOR, null));
                cells.add(new Cell(UNDERTOW, null));
            }
            gateways.forEach(kind -> cells.add(new Cell(kind.id(), kind)));
            if (round % 2 == 1) {
                Collections.reverse(cells);
            }
            for (Cell cell : cells) {
                try (ServerUnderTest server = cell.kind == null ? context.startFloor(cell.name.equals(UNDERTOW))
                        : cell.kind.start(context, gatewayOptions)) {
                    String prefix = "bench/floor/r" + round + "-" + Long.toString(System.nanoTime(), 36);
                    List<String> small = CatchupReads.smallStreams(prefix + "/small", streams);
                    StreamsScenario.Measurements.Prepared prepared;
                    if (fromTables) {
                        // Numbered among the append streams and written before the appends, which push
                        // them out of the memtable into table files whose key ranges take them in.
                        prepared = appends.prepare(server, streams, "r" + round,
                                small.stream().map(s -> PreEncodedRequests.create(server, s, readType)).toList());
                        CatchupReads.fillSmallStreams(server, small, 1, readBody, readType);
                    } else {
                        prepared = appends.prepare(server, streams, "r" + round);
                    }
                    appends.load(server, prepared, writers.get(0), warmup);
                    for (int w : writers) {
                        Held held = measure(context, server, () -> appends.load(server, prepared, w, context.duration()));
                        maxGenerator = Math.max(maxGenerator, held.generatorShare());
                        add(table, gateways, cell, "append", "appends/s", "writers", w, held);
                        threadShares.add(String.format(Locale.ROOT, "r%d %s, %d writers, appends: %s", round,
                                cell.name, w, held.byThread()));
                        System.out.printf(Locale.ROOT, "  %-12s %4d writers %10.0f appends/s %6.1f µs/append%n",
                                cell.name, w, held.result().perSecond(), held.micros());
                    }
                    if (!fromTables) {
                        // The same paths as `small`: written now, so that they are read from the memtable.
                        if (jsonReads) {
                            CatchupReads.writeSmallJsonStreams(server, prefix + "/small", streams, READ_BYTES);
                        } else {
                            CatchupReads.writeSmallStreams(server, prefix + "/small", streams, 1, READ_BYTES);
                        }
                    }
                    long readBytes = cell.kind != null ? readBody.length : READ_BYTES;
                    CatchupReads.readRepeatedly(server, small, readBytes, readers, warmup);
                    Held held = measure(context, server,
                            () -> CatchupReads.readRepeatedly(server, small, readBytes, readers, context.duration()));
                    maxGenerator = Math.max(maxGenerator, held.generatorShare());
                    add(table, gateways, cell, "small GET", "small GETs/s", "readers", readers, held);
                    threadShares.add(String.format(Locale.ROOT, "r%d %s, %d readers, GETs: %s", round, cell.name,
                            readers, held.byThread()));
                    System.out.printf(Locale.ROOT, "  %-12s %4d readers %10.0f GETs/s    %6.1f µs/GET%n", cell.name,
                            readers, held.result().perSecond(), held.micros());
                    if (sse.isPresent() && !cell.name.equals(UNDERTOW)) {
                        SseDeliveryCell.Result live = sse.get().measure(context, server);
                        maxGenerator = Math.max(maxGenerator, live.generatorShare());
                        addLive(table, gateways, cell, sse.get().subscribers(), live);
                        threadShares.add(String.format(Locale.ROOT, "r%d %s, %d SSE subscribers, deliveries: %s",
                                round, cell.name, sse.get().subscribers(), live.byThread()));
                        System.out.printf(Locale.ROOT, "  %-12s %4d SSE     %10.0f deliveries/s %6.1f µs/delivery%n",
                                cell.name, sse.get().subscribers(), live.deliveriesPerSecond(),
                                live.microsPerDelivery());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "floor: round %d/%d done%n", round + 1, context.rounds());
        }
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        table.figures().forEach(report::figure);
        report.loadGeneratorCpu(maxGenerator);
        report.note(String.format(Locale.ROOT, "In this scenario the reference column is the floor server "
                + "(`io.dsk.bench.floor.FloorServer`): an HTTP/1.1 server on one selector thread per core that stores "
                + "nothing and answers each request once it has arrived, one read per request and one write per "
                + "answer; Undertow answering on its IO threads with nothing of the gateway (`UndertowFloor`) and "
                + "each gateway (%s) are compared with it (the `server` parameter). Appends: %d-byte bodies "
                + "by closed-loop writers spread over %,d streams, as in the streams scenario; small GETs: %,d "
                + "streams of one %d-byte append each read from offset -1 by %d connections, as in the catch-up "
                + "scenario%s%s. Each server first takes %d s of each load unmeasured. Server CPU per request is the "
                + "server process's CPU time over the held load divided by every request it answered; the part in "
                + "the kernel is that figure times the kernel's share of the process's ticks over the load "
                + "(`/proc/<pid>/stat`).",
                ServerKind.ids(gateways), APPEND_BYTES, streams, streams, readBody.length,
                readers, jsonReads ? " (JSON streams: the append is an array of about 10 messages, which the "
                        + "gateways answer as that array; the floor servers answer their usual 1,000 bytes)" : "",
                fromTables ? "; the small streams were created among the append streams (one after each) and "
                        + "written before the appends, and the gateways ran with `entry-cache-bytes=0`, so each "
                        + "GET read the table files: the appends had pushed the small streams' entries out of the "
                        + "memtable into files whose key ranges take them in" : "",
                warmup.toSeconds()));
        sse.ifPresent(cell -> report.note(String.format(Locale.ROOT, "SSE: %,d subscribers over %,d JSON streams "
                + "(the connections scenario's subscribers), one writer appending %.0f times a second round-robin over "
                + "the streams, %d s unmeasured, then the held length; server CPU per delivery is the server "
                + "process's CPU time while the writer runs divided by the messages all subscribers received (the "
                + "appends' own cost spread over their subscribers). The floor server writes each append to its "
                + "subscribers from the thread that read it, one write per subscriber, and stores nothing; Undertow "
                + "alone is not measured here.", cell.subscribers(), cell.streams(), cell.appendsPerSecond(),
                cell.warmUp().toSeconds())));
        report.note("Server CPU per request by thread group (from /proc/<pid>/task, the groups above 2% of the "
                + "total): " + String.join("; ", threadShares) + ".");
        return report;
    }

    /** The SSE cell the options ask for, or empty with {@code floor.sse-subscribers=0}. */
    private static Optional<SseDeliveryCell> sseCell(BenchContext context) {
        int subscribers = (int) context.longOption("floor.sse-subscribers", 2048);
        if (subscribers == 0) {
            return Optional.empty();
        }
        int streams = (int) context.longOption("floor.sse-streams", 100);
        double rate = Double.parseDouble(context.option("floor.sse-rate", "100"));
        Duration warmUp = Duration.ofSeconds(context.longOption("floor.sse-warmup-seconds", 120));
        try {
            return Optional.of(new SseDeliveryCell(subscribers, streams, rate, warmUp));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set floor.sse-subscribers, floor.sse-streams, floor.sse-rate: "
                    + e.getMessage(), e);
        }
    }

    /** The figures of one SSE cell, each gateway against the floor server (Undertow alone has no live reads). */
    private static void addLive(SampleTable table, List<ServerKind> gateways, Cell cell, int subscribers,
            SseDeliveryCell.Result live) {
        List<String> compared = gateways.stream().map(ServerKind::id).toList();
        addCompared(table, compared, cell, "server CPU per SSE delivery", "µs", Direction.LOWER, "subscribers", subscribers,
                live.microsPerDelivery());
        addCompared(table, compared, cell, "SSE latency p99", "ms", Direction.LOWER, "subscribers", subscribers,
                live.p99Millis());
        addCompared(table, compared, cell, "SSE deliveries/s", "1/s", Direction.HIGHER, "subscribers", subscribers,
                live.deliveriesPerSecond());
    }

    /** A server of the run: a floor server ({@code kind} null) or a gateway. */
    private record Cell(String name, ServerKind kind) {
    }

    /** One held load on one server: its result, server CPU per request (and the kernel's part) and by thread. */
    private record Held(ClosedLoopLoad.Result result, double micros, double kernelMicros, String byThread,
            double generatorShare) {
    }

    /** A held load of the scenario. */
    @FunctionalInterface
    private interface Load {
        ClosedLoopLoad.Result run() throws IOException;
    }

    private static Held measure(BenchContext context, ServerUnderTest server, Load load) throws IOException {
        CpuMeter.Window window = context.cpu().start(server);
        ServerCpu.Meter cpu = ServerCpu.start(server);
        long[] ticks = CpuMeter.userSystemTicks(server.pid());
        ClosedLoopLoad.Result result = load.run();
        double kernel = StreamsCell.kernelShare(ticks, CpuMeter.userSystemTicks(server.pid()));
        ServerCpu used = cpu.stop();
        double generatorShare = window.stop().generatorShare();
        double micros = used.microsPer(result.allSucceeded());
        return new Held(result, micros, micros * kernel, used.byThreadGroup(result.allSucceeded()), generatorShare);
    }

    /** The figures of one held load: server CPU per request, the kernel's part of it, and the rate. */
    private static void add(SampleTable table, List<ServerKind> gateways, Cell cell, String request, String rate,
            String load, int clients, Held held) {
        add(table, gateways, cell, "server CPU per " + request, "µs", Direction.LOWER, load, clients, held.micros());
        add(table, gateways, cell, "of which in the kernel", "µs", Direction.LOWER, load, clients, held.kernelMicros());
        add(table, gateways, cell, rate, "1/s", Direction.HIGHER, load, clients, held.result().perSecond());
    }

    /** A server's sample under its own key; the floor server's under every other server's key, as the reference. */
    private static void add(SampleTable table, List<ServerKind> gateways, Cell cell, String figure, String unit,
            Direction better, String load, int clients, double value) {
        List<String> compared = new ArrayList<>(List.of(UNDERTOW));
        gateways.forEach(kind -> compared.add(kind.id()));
        addCompared(table, compared, cell, figure, unit, better, load, clients, value);
    }

    /** A sample of the servers {@code compared} with the floor server. */
    private static void addCompared(SampleTable table, List<String> compared, Cell cell, String figure, String unit,
            Direction better, String load, int clients, double value) {
        for (String server : compared) {
            if (cell.name.equals(FLOOR) || cell.name.equals(server)) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put(load, clients);
                params.put("server", server);
                table.add(new SampleTable.Key(figure, unit, params, better, Optional.empty()),
                        cell.name.equals(FLOOR) ? "reference" : "dsk", value);
            }
        }
    }
}
