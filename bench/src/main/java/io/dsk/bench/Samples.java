package io.dsk.bench;

import io.dsk.bench.report.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure, one per round, summarised as a {@link Spread}: median and range. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    /**
     * The median, range and count of the samples.
     *
     * @throws IllegalArgumentException if there are no samples
     */
    Spread spread() {
        return Spread.of(values);
    }

    double median() {
        return spread().median();
    }

    /** {@code median [min..max]} with the given number format. */
    String describe(String format) {
        Spread s = spread();
        return String.format(Locale.ROOT, format + " [" + format + ".." + format + "]", s.median(), s.min(), s.max());
    }
}
