package io.dsk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure, summarised as median and spread. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    /**
     * Nearest-rank percentile.
     *
     * @param p a percentile in (0, 100]
     * @return the smallest sample with at least p percent of samples at or below it
     */
    double percentile(double p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> s = sorted();
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    /** {@code median [min..max]} with the given number format. */
    String describe(String format) {
        return String.format(Locale.ROOT, format + " [" + format + ".." + format + "]", median(), min(), max());
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}
