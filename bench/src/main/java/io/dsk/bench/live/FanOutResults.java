package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.Spread;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.ServerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The fan-out results of every round, by cell and server, turned into report figures and plots.
 * Each gateway is compared with the reference of the same storage (the figures' {@code storage}
 * parameter). The p99 latency figure carries the scenario's target; server CPU per delivery in
 * SSE cells carries {@link #SSE_CPU_PER_DELIVERY_TARGET}.
 */
final class FanOutResults {

    static final String DSK = "dsk";
    static final String REFERENCE = "reference";
    /** The gateway's bound on server CPU per subscriber per message over SSE, in microseconds. */
    static final Target SSE_CPU_PER_DELIVERY_TARGET = Target.absoluteAtMost(2);
    private static final int CDF_POINTS = 400;

    private final Map<FanOutCell, Map<String, List<FanOutResult>>> results = new LinkedHashMap<>();
    private final Target p99Target;

    /** @param p99Target the target of the p99 latency figure */
    FanOutResults(Target p99Target) {
        this.p99Target = p99Target;
    }

    void add(FanOutCell cell, String server, FanOutResult result) {
        results.computeIfAbsent(cell, c -> new LinkedHashMap<>()).computeIfAbsent(server, s -> new ArrayList<>())
                .add(result);
    }

    /** Every round's results of one server in one cell, empty if none. */
    List<FanOutResult> of(FanOutCell cell, String server) {
        return results.getOrDefault(cell, Map.of()).getOrDefault(server, List.of());
    }

    /** The load generator's largest CPU share of the machine over any measured window. */
    OptionalDouble largestGeneratorShare() {
        return results.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .mapToDouble(FanOutResult::generatorShare).max();
    }

    /** The servers measured, in the order they were first measured. */
    List<String> servers() {
        Set<String> servers = new LinkedHashSet<>();
        results.values().forEach(byServer -> servers.addAll(byServer.keySet()));
        return List.copyOf(servers);
    }

    /**
     * Latency, throughput and CPU figures of every cell and storage whose gateway completed it
     * at least once.
     */
    List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (FanOutCell cell : results.keySet()) {
            for (ServerKind gateway : List.of(ServerKind.DSK, ServerKind.DSK_MEMORY)) {
                ServerKind reference = gateway == ServerKind.DSK ? ServerKind.REFERENCE : ServerKind.REFERENCE_MEMORY;
                if (of(cell, gateway.id()).stream().noneMatch(r -> r.latency().count() > 0)) {
                    continue;
                }
                Pair pair = new Pair(cell, gateway, reference);
                figures.add(pair.figure("latency p50", "ms", Direction.LOWER, r -> r.latency().percentileMillis(50)));
                figures.add(pair.figure("latency p99", "ms", Direction.LOWER, r -> r.latency().percentileMillis(99))
                        .withTarget(p99Target));
                figures.add(pair.figure("latency max", "ms", Direction.LOWER, r -> r.latency().maxMillis()));
                figures.add(pair.figure("deliveries/s", "1/s", Direction.HIGHER, FanOutResult::deliveriesPerSecond));
                figures.add(pair.figure("delivered before drain end", "%", Direction.HIGHER,
                        FanOutResult::deliveredPercent));
                if (!samples(of(cell, gateway.id()), FanOutResult::serverMicrosPerDelivery).isEmpty()) {
                    Figure cpu = pair.figure("server CPU per delivery", "µs", Direction.LOWER,
                            FanOutResult::serverMicrosPerDelivery);
                    figures.add(cell.mode() == LiveMode.SSE ? cpu.withTarget(SSE_CPU_PER_DELIVERY_TARGET) : cpu);
                }
            }
        }
        return figures;
    }

    /** One gateway and the reference of the same storage in one cell. */
    private final class Pair {
        private final FanOutCell cell;
        private final ServerKind gateway;
        private final ServerKind reference;

        Pair(FanOutCell cell, ServerKind gateway, ServerKind reference) {
            this.cell = cell;
            this.gateway = gateway;
            this.reference = reference;
        }

        Figure figure(String name, String unit, Direction better, ToDoubleFunction<FanOutResult> value) {
            Map<String, Object> params = new LinkedHashMap<>(cell.params());
            params.put("storage", gateway.storage());
            return Figure.of(name, unit, params, samples(of(cell, gateway.id()), value),
                    samples(of(cell, reference.id()), value), better);
        }
    }

    /**
     * Per mode and stream count, a latency CDF per server and subscriber count (all rounds
     * pooled), and p50/p99 against the subscriber count.
     *
     * @param plotFile names a PNG file after a short name
     */
    List<Path> plots(Function<String, Path> plotFile) {
        List<Path> plots = new ArrayList<>();
        Set<String> layouts = new LinkedHashSet<>();
        results.keySet().forEach(c -> layouts.add(c.mode().queryValue() + "/" + c.streams()));
        for (String layout : layouts) {
            List<FanOutCell> cells = results.keySet().stream()
                    .filter(c -> (c.mode().queryValue() + "/" + c.streams()).equals(layout))
                    .sorted(Comparator.comparingInt(FanOutCell::subscribers)).toList();
            String[] parts = layout.split("/");
            String title = String.format(Locale.ROOT, "%s subscribers on %s stream(s)", parts[0], parts[1]);
            String name = parts[0] + "-" + parts[1] + "-streams";
            Map<String, double[]> cdf = cdfSeries(cells);
            if (!cdf.isEmpty()) {
                plots.add(Plots.latencyCdf(plotFile.apply("cdf-" + name), "append-to-subscriber latency, " + title,
                        cdf));
            }
            Map<String, double[][]> lines = percentileSeries(cells);
            if (!lines.isEmpty()) {
                plots.add(Plots.lineChart(plotFile.apply("latency-vs-subscribers-" + name),
                        "latency against subscribers, " + title, "subscribers", "latency ms (median of rounds)",
                        lines));
            }
        }
        return plots;
    }

    /** One value per round that delivered anything; rounds where the value is undefined (NaN) left out. */
    static List<Double> samples(List<FanOutResult> rounds, ToDoubleFunction<FanOutResult> value) {
        List<Double> samples = new ArrayList<>();
        for (FanOutResult r : rounds) {
            double v = r.latency().count() > 0 ? value.applyAsDouble(r) : Double.NaN;
            if (Double.isFinite(v)) {
                samples.add(v);
            }
        }
        return samples;
    }

    private Map<String, double[]> cdfSeries(List<FanOutCell> cells) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String server : servers()) {
            for (FanOutCell cell : cells) {
                LatencyHistogram pooled = new LatencyHistogram();
                of(cell, server).forEach(r -> pooled.add(r.latency()));
                if (pooled.count() > 0) {
                    series.put(server + ", " + cell.subscribers() + " subscribers", pooled.quantilesMillis(CDF_POINTS));
                }
            }
        }
        return series;
    }

    private Map<String, double[][]> percentileSeries(List<FanOutCell> cells) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String server : servers()) {
            for (double percentile : new double[] {50, 99}) {
                List<double[]> points = new ArrayList<>();
                for (FanOutCell cell : cells) {
                    List<Double> values = samples(of(cell, server), r -> r.latency().percentileMillis(percentile));
                    if (!values.isEmpty()) {
                        points.add(new double[] {cell.subscribers(), Spread.of(values).median()});
                    }
                }
                if (!points.isEmpty()) {
                    double[][] xy = new double[2][points.size()];
                    for (int i = 0; i < points.size(); i++) {
                        xy[0][i] = points.get(i)[0];
                        xy[1][i] = points.get(i)[1];
                    }
                    series.put(String.format(Locale.ROOT, "%s p%.0f", server, percentile), xy);
                }
            }
        }
        return series;
    }
}
