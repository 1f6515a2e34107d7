package io.dsk.bench.e2e;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Collects the runs of the scenario and turns them into figures (one sample per round), notes and
 * latency CDF plots. Server names are those of {@code ServerUnderTest}: "dsk" and "reference".
 */
final class E2eResults {

    /** The absolute goal: Kafka-to-subscriber p99 at most 100 ms at 10,000 records/s. */
    static final int TARGET_RATE = 10_000;
    static final double TARGET_P99_MILLIS = 100;

    private static final String DSK = "dsk";
    private static final String REFERENCE = "reference";

    private final E2eSettings settings;
    private final Map<Integer, Map<String, List<LatencyResult>>> latency = new LinkedHashMap<>();
    private final Map<String, List<SaturationRun.Result>> saturation = new LinkedHashMap<>();
    private final List<String> runRows = new ArrayList<>();

    E2eResults(E2eSettings settings) {
        this.settings = settings;
        settings.rates().forEach(rate -> latency.put(rate, new LinkedHashMap<>()));
    }

    void add(String server, int rate, int round, LatencyResult result) {
        latency.get(rate).computeIfAbsent(server, k -> new ArrayList<>()).add(result);
        runRows.add(String.format(Locale.ROOT, "| %s | %,d | %d | %,d | %,d | %,d | %d / %d | %d | %.1f / %.1f "
                + "| %s | %.1f | %.0f%% | %.0f%% | %.0f%% | %.2f |", server, rate, round, result.sent(),
                result.latencies().count(), result.missing(), result.duplicates(), result.gaps(), result.connections(),
                result.p50Millis(), result.p99Millis(), kafkaAlone(result.kafkaAlone()),
                result.maxProducerBehindMillis(), result.generatorShare() * 100, result.processShare() * 100,
                result.machineBusyShare() * 100, result.serverCores()));
    }

    void addSaturation(String server, SaturationRun.Result result) {
        saturation.computeIfAbsent(server, k -> new ArrayList<>()).add(result);
    }

    /** Adds every figure, note and plot to {@code report}. */
    void writeTo(ScenarioReport report, Function<String, Path> plotFile) {
        latency.forEach((rate, byServer) -> {
            if (byServer.containsKey(DSK)) {
                latencyFigures(report, rate, byServer);
                report.plot(cdfPlot(plotFile.apply("latency-cdf-" + rate), rate, byServer));
            }
        });
        if (saturation.containsKey(DSK)) {
            saturationFigures(report);
        }
        report.note(runTable());
        problems().forEach(report::note);
        double generator = latency.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .mapToDouble(LatencyResult::generatorShare).max().orElse(0);
        report.loadGeneratorCpu(generator);
    }

    private void latencyFigures(ScenarioReport report, int rate, Map<String, List<LatencyResult>> byServer) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rec/s", rate);
        params.put("streams", settings.streams());
        params.put("SSE subscribers", settings.subscribers());
        params.put("partitions", settings.partitions());
        params.put("tasks", settings.tasks());
        Figure p99 = figure("Kafka-to-subscriber p99", "ms", params, byServer, LatencyResult::p99Millis,
                Direction.LOWER);
        report.figure(figure("Kafka-to-subscriber p50", "ms", params, byServer, LatencyResult::p50Millis,
                Direction.LOWER));
        report.figure(rate == TARGET_RATE ? p99.withTarget(Target.absoluteAtMost(TARGET_P99_MILLIS)) : p99);
        report.figure(figure("Kafka-to-subscriber max", "ms", params, byServer, LatencyResult::maxMillis,
                Direction.LOWER));
        report.figure(figure("server CPU", "cores", params, byServer, LatencyResult::serverCores, Direction.LOWER));
    }

    private void saturationFigures(ScenarioReport report) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("backlog records", settings.saturationRecords());
        params.put("streams", settings.streams());
        params.put("partitions", settings.partitions());
        params.put("tasks", settings.tasks());
        params.put("payload bytes", settings.payloadBytes());
        report.figure(figure("connector rec/s per task (first to last commit)", "1/s", params, saturation,
                SaturationRun.Result::steadyPerTask, Direction.HIGHER));
        report.figure(figure("connector rec/s per task (from connector start)", "1/s", params, saturation,
                SaturationRun.Result::fromStartPerTask, Direction.HIGHER));
    }

    private static <T> Figure figure(String name, String unit, Map<String, Object> params,
            Map<String, List<T>> byServer, ToDoubleFunction<T> value, Direction better) {
        return Figure.of(name, unit, params, samples(byServer.get(DSK), value),
                samples(byServer.getOrDefault(REFERENCE, List.of()), value), better);
    }

    private static <T> List<Double> samples(List<T> runs, ToDoubleFunction<T> value) {
        return runs.stream().map(r -> value.applyAsDouble(r)).toList();
    }

    private static Path cdfPlot(Path png, int rate, Map<String, List<LatencyResult>> byServer) {
        Map<String, double[]> series = new LinkedHashMap<>();
        LatencyHistogram kafka = new LatencyHistogram();
        byServer.forEach((server, runs) -> {
            LatencyHistogram all = new LatencyHistogram();
            runs.forEach(run -> all.add(run.latencies()));
            runs.forEach(run -> kafka.add(run.kafkaAlone()));
            series.put(server, all.quantilesMillis(1000));
        });
        if (kafka.count() > 0) {
            series.put("Kafka alone (send to consumer poll)", kafka.quantilesMillis(1000));
        }
        return Plots.latencyCdf(png, String.format(Locale.ROOT,
                "Kafka to SSE subscriber latency at %,d records/s (all rounds)", rate), series);
    }

    private String runTable() {
        StringBuilder table = new StringBuilder("Every latency run (measured records are those scheduled inside "
                + "the measured window, counted once per subscriber; CPU shares are of the whole machine, "
                + "the process share includes the Kafka broker, the Connect worker and the connector):\n\n"
                + "| server | rec/s | round | sent | measured | missing | duplicates / gaps | SSE responses "
                + "| p50 / p99 ms | Kafka alone p50 / p99 ms | producer late max ms | generator CPU "
                + "| bench process CPU | machine busy | server cores |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        runRows.forEach(row -> table.append(row).append('\n'));
        return table.toString();
    }

    private static String kafkaAlone(LatencyHistogram kafka) {
        return kafka.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f",
                kafka.percentileMillis(50), kafka.percentileMillis(99));
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        latency.forEach((rate, byServer) -> byServer.forEach((server, runs) -> {
            for (LatencyResult run : runs) {
                if (run.missing() > 0 || run.duplicates() > 0 || run.gaps() > 0) {
                    problems.add(String.format(Locale.ROOT, "**%s at %,d rec/s: %,d deliveries missing after the "
                            + "drain timeout, %,d duplicates, %,d gaps.** Latency percentiles cover only what "
                            + "arrived.", server, rate, run.missing(), run.duplicates(), run.gaps()));
                }
                if (!run.subscriberErrors().isEmpty()) {
                    problems.add(server + " at " + rate + " rec/s: SSE readers reconnected after " + String.join("; ",
                            run.subscriberErrors()));
                }
            }
        }));
        return problems;
    }
}
