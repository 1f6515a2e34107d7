package io.dsk.bench.scenario;

import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples collected over rounds, keyed by figure (name and params) and server, turned into
 * {@link Figure}s at the end in the order the figures were first measured.
 */
final class SampleTable {

    /** Identifies one figure: what is measured under which load. */
    record Key(String name, String unit, Map<String, Object> params, Direction better, Optional<Target> target) {
    }

    private final Map<Key, Map<String, List<Double>>> samples = new LinkedHashMap<>();

    void add(Key key, String server, double value) {
        samples.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(server, s -> new ArrayList<>())
                .add(value);
    }

    /** The samples of one server for a figure, empty if none. */
    List<Double> get(Key key, String server) {
        return samples.getOrDefault(key, Map.of()).getOrDefault(server, List.of());
    }

    /** One figure per key that has gateway samples, with the reference samples where measured. */
    List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        samples.forEach((key, byServer) -> {
            List<Double> dsk = byServer.getOrDefault("dsk", List.of());
            if (!dsk.isEmpty()) {
                figures.add(new Figure(key.name(), key.unit(), key.params(), dsk,
                        byServer.getOrDefault("reference", List.of()), key.better(), key.target()));
            }
        });
        return figures;
    }
}
