package io.dsk.bench.report;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A goal for one figure: either a ratio of the medians dsk/reference measured in the same run, or
 * an absolute bound on the gateway's median.
 *
 * @param kind what is compared
 * @param value the bound
 */
public record Target(Kind kind, double value) {

    /** What a target compares with its value. */
    public enum Kind {
        /** median(dsk) / median(reference) must be at least the value, e.g. 20 for "20× the appends". */
        RATIO_AT_LEAST,
        /** median(dsk) / median(reference) must be at most the value, e.g. 0.2 for "a fifth of the latency". */
        RATIO_AT_MOST,
        /** median(dsk) must be at most the value, in the figure's unit. */
        ABSOLUTE_AT_MOST,
        /** median(dsk) must be at least the value, in the figure's unit, e.g. 2 for "2 GB/s". */
        ABSOLUTE_AT_LEAST
    }

    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("a target needs a kind");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("a target's value must be a finite number >= 0, got " + value);
        }
    }

    public static Target ratioAtLeast(double ratio) {
        return new Target(Kind.RATIO_AT_LEAST, ratio);
    }

    public static Target ratioAtMost(double ratio) {
        return new Target(Kind.RATIO_AT_MOST, ratio);
    }

    public static Target absoluteAtMost(double value) {
        return new Target(Kind.ABSOLUTE_AT_MOST, value);
    }

    public static Target absoluteAtLeast(double value) {
        return new Target(Kind.ABSOLUTE_AT_LEAST, value);
    }

    /**
     * Whether a figure meets this target. A ratio target is not met when the ratio cannot be
     * computed (no reference samples, or a reference median of zero).
     *
     * @param figure the measured figure
     * @return true if met
     */
    public boolean met(Figure figure) {
        if (kind == Kind.ABSOLUTE_AT_MOST) {
            return figure.dskSpread().median() <= value;
        }
        if (kind == Kind.ABSOLUTE_AT_LEAST) {
            return figure.dskSpread().median() >= value;
        }
        OptionalDouble ratio = figure.ratio();
        if (ratio.isEmpty()) {
            return false;
        }
        return kind == Kind.RATIO_AT_LEAST ? ratio.getAsDouble() >= value : ratio.getAsDouble() <= value;
    }

    /** How a reader sees it in a table: {@code ≥ 20×}, {@code ≤ 0.2×}, {@code ≤ 20 KB}, {@code ≥ 2 GB/s}. */
    public String describe(String unit) {
        String bound = Spread.format(value);
        return switch (kind) {
            case RATIO_AT_LEAST -> "≥ " + bound + "×";
            case RATIO_AT_MOST -> "≤ " + bound + "×";
            case ABSOLUTE_AT_MOST -> String.format(Locale.ROOT, "≤ %s %s", bound, unit).trim();
            case ABSOLUTE_AT_LEAST -> String.format(Locale.ROOT, "≥ %s %s", bound, unit).trim();
        };
    }
}
