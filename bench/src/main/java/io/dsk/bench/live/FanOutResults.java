package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Plots;
import io.dsk.bench.report.Spread;
import io.dsk.bench.report.Target;
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
 * The p99 latency figure carries the target: at most a fifth of the reference's.
 */
final class FanOutResults {

    static final String DSK = "dsk";
    static final String REFERENCE = "reference";
    private static final double P99_RATIO_TARGET = 0.2;
    private static final int CDF_POINTS = 400;

    private final Map<FanOutCell, Map<String, List<FanOutResult>>> results = new LinkedHashMap<>();

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

    /** Latency and throughput figures of every cell the gateway completed at least once. */
    List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (FanOutCell cell : results.keySet()) {
            if (of(cell, DSK).stream().noneMatch(r -> r.latency().count() > 0)) {
                continue;
            }
            figures.add(figure(cell, "latency p50", "ms", Direction.LOWER, r -> r.latency().percentileMillis(50)));
            figures.add(figure(cell, "latency p99", "ms", Direction.LOWER, r -> r.latency().percentileMillis(99))
                    .withTarget(Target.ratioAtMost(P99_RATIO_TARGET)));
            figures.add(figure(cell, "latency max", "ms", Direction.LOWER, r -> r.latency().maxMillis()));
            figures.add(figure(cell, "deliveries/s", "1/s", Direction.HIGHER, FanOutResult::deliveriesPerSecond));
            figures.add(figure(cell, "delivered before drain end", "%", Direction.HIGHER,
                    FanOutResult::deliveredPercent));
        }
        return figures;
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

    private Figure figure(FanOutCell cell, String name, String unit, Direction better,
            ToDoubleFunction<FanOutResult> value) {
        return Figure.of(name, unit, cell.params(), samples(of(cell, DSK), value), samples(of(cell, REFERENCE), value),
                better);
    }

    private static List<Double> samples(List<FanOutResult> rounds, ToDoubleFunction<FanOutResult> value) {
        List<Double> samples = new ArrayList<>();
        for (FanOutResult r : rounds) {
            if (r.latency().count() > 0) {
                samples.add(value.applyAsDouble(r));
            }
        }
        return samples;
    }

    private Map<String, double[]> cdfSeries(List<FanOutCell> cells) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String server : List.of(DSK, REFERENCE)) {
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
        for (String server : List.of(DSK, REFERENCE)) {
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
