package io.dsk.bench.live;

import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ProfileSession;
import io.dsk.bench.run.Scenario;
import io.dsk.bench.run.ServerKind;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 3, fan-out: thousands of SSE or long-poll subscribers on one stream or spread over
 * many, a writer appending timestamped messages at a fixed rate, and the latency from each append
 * to each subscriber's receipt and the server's CPU per delivered message, for the gateway and the
 * reference server in the same run. The same measurement with another {@link Shape} is scenario
 * {@code connections}: 2,048 subscribers over 100 streams with a light writer, on all four servers.
 *
 * <p>Options ({@code --set}, prefixed with the scenario id, e.g. {@code fanout.rate}):
 * {@code subscribers} (default 1000,10000), {@code streams} (1,100), {@code modes} (sse,long-poll),
 * {@code rate} appends/s over all streams (10), {@code servers} (dsk,reference),
 * {@code warmup-seconds} of the writer before the measured window (5; 15 for connections), {@code threads}
 * subscriber selector threads (2), {@code drain-seconds} (10), {@code profile} JFR of the gateway
 * in an extra pass of the slowest cell (true).
 */
public final class FanOutScenario implements Scenario {

    /**
     * What a fan-out scenario measures by default, and how its p99 latency is judged.
     *
     * @param id the scenario id, also the prefix of its options
     * @param description one line for {@code --help}
     * @param subscribers default subscriber counts
     * @param streams default stream counts
     * @param rate default appends/s over all streams
     * @param servers default servers
     * @param warmUpSeconds default seconds of the writer before each measured window, unrecorded
     * @param p99Target the target of the gateway's p99 latency
     */
    record Shape(String id, String description, List<Integer> subscribers, List<Integer> streams, double rate,
            List<ServerKind> servers, int warmUpSeconds, Target p99Target) {
    }

    /** The fan-out scenario: 1,000 and 10,000 subscribers on 1 and 100 streams; p99 ≤ 0.2× the reference's. */
    static final Shape FANOUT = new Shape("fanout", "append-to-subscriber latency with 1,000 and 10,000 SSE and "
            + "long-poll subscribers, on one stream and over 100", List.of(1_000, 10_000), List.of(1, 100), 10,
            List.of(ServerKind.DSK, ServerKind.REFERENCE), 5, Target.ratioAtMost(0.2));
    /**
     * Many connections over many streams with a light writer (one append per stream per second):
     * 2,048 subscribers over 100 streams on all four servers; p99 under 5 ms. The light load warms
     * a fresh JVM slowly, hence the longer warm-up (in 1 s the JIT compilers took half the
     * gateway's CPU).
     */
    static final Shape CONNECTIONS = new Shape("connections", "2,048 SSE and long-poll subscribers over 100 "
            + "streams with a light writer, p99 latency and server CPU per delivery on four servers",
            List.of(2_048), List.of(100), 100, List.of(ServerKind.values()), 15, Target.absoluteAtMost(5));

    private final Shape shape;

    /** The fan-out scenario. */
    public FanOutScenario() {
        this(FANOUT);
    }

    private FanOutScenario(Shape shape) {
        this.shape = shape;
    }

    /** The connections scenario: 2,048 subscribers over 100 streams, four servers. */
    public static FanOutScenario connections() {
        return new FanOutScenario(CONNECTIONS);
    }

    /** The gateway never closes an SSE connection during a cell, as the reference does not either. */
    static final Map<String, String> GATEWAY_OPTIONS = Map.of("sse-close-interval", "30m");
    /** Descriptors a process needs besides the subscriber connections (jars, logs, data files). */
    static final long FILES_BESIDES_CONNECTIONS = 1_000;

    @Override
    public String id() {
        return shape.id();
    }

    @Override
    public String description() {
        return shape.description();
    }

    private String option(BenchContext context, String key, String defaultValue) {
        return context.option(shape.id() + "." + key, defaultValue);
    }

    @Override
    public ScenarioReport run(BenchContext context) throws Exception {
        List<FanOutCell> cells = cells(context);
        int largest = cells.stream().mapToInt(FanOutCell::subscribers).max().orElseThrow();
        FanOutMeasurement measurement = new FanOutMeasurement(context.cpu(), context.duration(),
                Duration.ofSeconds(context.longOption(id() + ".drain-seconds", 10)),
                (int) context.longOption(id() + ".threads", 2),
                Duration.ofSeconds(context.longOption(id() + ".warmup-seconds", shape.warmUpSeconds())));
        List<ServerKind> kinds = ServerKind.parseList(id() + ".servers",
                option(context, "servers", ServerKind.ids(shape.servers())));
        ScenarioReport report = ScenarioReport.of(id(), context.command());
        FanOutResults results = new FanOutResults(shape.p99Target());
        long wantedFiles = largest + FILES_BESIDES_CONNECTIONS;
        try (LiveServers servers = new LiveServers(context, GATEWAY_OPTIONS, wantedFiles, kinds)) {
            cells = withinOpenFileLimit(cells, servers.openFileLimit(), wantedFiles, report);
            for (int round = 0; round < context.rounds(); round++) {
                for (FanOutCell cell : cells) {
                    for (ServerUnderTest server : servers.inOrderOfRound(round)) {
                        measureCell(servers, server, cell, round, measurement, results, report);
                    }
                }
            }
            results.figures().forEach(report::figure);
            results.plots(name -> context.plotFile(id(), name)).forEach(report::plot);
            results.largestGeneratorShare().ifPresent(report::loadGeneratorCpu);
            notes(report, cells, results, context);
            Optional<ServerUnderTest> gateway = servers.gateway();
            if (Boolean.parseBoolean(option(context, "profile", "true")) && gateway.isPresent()) {
                profileSlowestCell(context, measurement, gateway.get(), results, cells, report)
                        .ifPresent(report::profile);
            }
        }
        return report;
    }

    /** The cells whose subscribers fit the open-file limit; the others are named in a note. */
    private static List<FanOutCell> withinOpenFileLimit(List<FanOutCell> cells, long limit, long wantedFiles,
            ScenarioReport report) {
        long allowed = limit - FILES_BESIDES_CONNECTIONS;
        cells.stream().filter(c -> c.subscribers() > allowed).forEach(c -> report.note("Not measured: " + c.label()
                + ", since " + ProcessLimits.shortfall(limit, wantedFiles) + "."));
        return cells.stream().filter(c -> c.subscribers() <= allowed).toList();
    }

    private static void measureCell(LiveServers servers, ServerUnderTest server, FanOutCell cell, int round,
            FanOutMeasurement measurement, FanOutResults results, ScenarioReport report)
            throws IOException, InterruptedException {
        boolean restart;
        try {
            FanOutResult r = measurement.measure(server, cell);
            results.add(cell, server.name(), r);
            System.out.println(describe(round, server, cell, r));
            restart = r.writer().unanswered() > 0;
        } catch (Exception e) {
            report.note(String.format(Locale.ROOT, "Round %d, %s, %s: not measured: %s",
                    round + 1, server.name(), cell.label(), e.getMessage()));
            System.out.printf(Locale.ROOT, "round %d %s %s failed: %s%n", round + 1, server.name(), cell.label(), e);
            restart = true;
        }
        if (restart) {
            report.note(String.format(Locale.ROOT, "Round %d, %s, %s: restarted the server afterwards, since it "
                    + "had appends unanswered or failed the cell.", round + 1, server.name(), cell.label()));
            servers.restart(server);
        }
    }

    List<FanOutCell> cells(BenchContext context) {
        List<FanOutCell> cells = new ArrayList<>();
        double rate = Double.parseDouble(option(context, "rate", Double.toString(shape.rate())));
        for (String mode : option(context, "modes", "sse,long-poll").split(",")) {
            for (int streams : context.intListOption(id() + ".streams", shape.streams())) {
                for (int subscribers : context.intListOption(id() + ".subscribers", shape.subscribers())) {
                    try {
                        cells.add(new FanOutCell(LiveMode.of(mode), subscribers, streams, rate));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--set " + id() + ".subscribers, " + id() + ".streams, "
                                + id() + ".rate: " + e.getMessage(), e);
                    }
                }
            }
        }
        return cells;
    }

    private void notes(ScenarioReport report, List<FanOutCell> cells, FanOutResults results,
            BenchContext context) {
        report.note("Each cell: fresh JSON streams; every subscriber connects (raw HTTP/1.1 on "
                + context.longOption(id() + ".threads", 2) + " NIO selector threads, bound round-robin to "
                + SubscriberFleet.LOOPBACK_SOURCES + " loopback source addresses) and receives a warm-up message; "
                + "then one writer appends `{\"s\":seq,\"t\":nanoTime}` at the fixed rate, round-robin over the "
                + "streams, for " + context.longOption(id() + ".warmup-seconds", shape.warmUpSeconds()) + " s unrecorded, then for "
                + context.duration().toSeconds() + " s measured. Latency is from just before the append "
                + "is sent to the read that delivers it to a subscriber (same process clock), over every "
                + "subscriber and message; deliveries/s counts messages received during the window. The gateway "
                + "runs with `--sse-close-interval 30m` so that neither server closes SSE connections mid-cell; "
                + "both have the same long-poll timeout. Server CPU per delivery is the server process's CPU time "
                + "while the writer runs divided by the messages all subscribers received in that time (one per "
                + "subscriber and message), so the appends' own cost is in it, spread over their subscribers; "
                + "each gateway is compared with the reference of the same storage (the `storage` parameter).");
        report.note("Absolute figures depend on what else the machine runs (see the load average above); "
                + "the ratios of the same run are the meaningful part.");
        StringBuilder table = new StringBuilder("| cell | server | rounds | writer appends sent/acked/skipped | "
                + "reconnects | failed subscribers | server CPU cores | load generator CPU share |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> threads = new ArrayList<>();
        for (FanOutCell cell : cells) {
            for (String server : results.servers()) {
                for (FanOutResult r : results.of(cell, server)) {
                    threads.add(String.format(Locale.ROOT, "%s %s: %s", cell.label(), server,
                            r.serverCpu().byThreadGroup(r.receivedInWindow())));
                    table.append(String.format(Locale.ROOT, "| %s | %s | 1 | %d/%d/%d | %d | %d | %.2f | %.0f%% |%n",
                            cell.label(), server, r.writer().sent(), r.writer().acknowledged(), r.writer().skipped(),
                            r.reconnects(), r.failedSubscribers(), r.serverCores(), r.generatorShare() * 100));
                }
            }
        }
        report.note(table.toString());
        report.note("Server CPU per delivery by thread group (from /proc/<pid>/task, the groups above 2% of the "
                + "total; names as the kernel keeps them, 15 characters): " + String.join("; ", threads) + ".");
    }

    /**
     * Runs the cell with the gateway's worst p99 once more, unmeasured, with JFR recording the
     * gateway, so a missed target comes with a profile of what limits it.
     */
    private static Optional<Path> profileSlowestCell(BenchContext context, FanOutMeasurement measurement,
            ServerUnderTest dsk, FanOutResults results, List<FanOutCell> cells, ScenarioReport report)
            throws Exception {
        Optional<FanOutCell> slowest = cells.stream()
                .filter(c -> results.of(c, dsk.name()).stream().anyMatch(r -> r.latency().count() > 0))
                .max(Comparator.comparingDouble(c -> p99(results, c, dsk.name())));
        if (slowest.isEmpty()) {
            return Optional.empty();
        }
        ProfileSession session = context.startProfile(dsk, "fanout-" + slowest.get().label());
        try {
            measurement.measure(dsk, slowest.get());
        } catch (Exception e) {
            report.note("The profiling pass of " + slowest.get().label() + " did not complete: " + e.getMessage());
        }
        report.note("Profile: JFR of the gateway during an extra, unmeasured pass of " + slowest.get().label()
                + ", the cell with its highest p99.");
        return session.stop();
    }

    private static double p99(FanOutResults results, FanOutCell cell, String server) {
        return results.of(cell, server).stream().filter(r -> r.latency().count() > 0)
                .mapToDouble(r -> r.latency().percentileMillis(99)).max().orElse(0);
    }

    private static String describe(int round, ServerUnderTest server, FanOutCell cell, FanOutResult r) {
        String latency = r.latency().count() == 0 ? "no deliveries" : String.format(Locale.ROOT,
                "p50 %.1f ms p99 %.1f ms max %.1f ms", r.latency().percentileMillis(50),
                r.latency().percentileMillis(99), r.latency().maxMillis());
        return String.format(Locale.ROOT, "round %d %-16s %-22s %s, %.0f deliveries/s, %.1f%% delivered, "
                + "%.2f µs server CPU per delivery, appends sent/acked %d/%d%s, generator CPU %.0f%%", round + 1,
                server.name(), cell.label(), latency, r.deliveriesPerSecond(), r.deliveredPercent(),
                r.serverMicrosPerDelivery(), r.writer().sent(), r.writer().acknowledged(),
                r.writer().firstFailure() == null ? "" : " (" + r.writer().firstFailure() + ")",
                r.generatorShare() * 100);
    }
}
