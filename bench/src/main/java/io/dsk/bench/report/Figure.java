package io.dsk.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured quantity with both servers' samples, one per round, e.g. appends/s at 16 writers.
 *
 * @param name what is measured, e.g. {@code "appends/s"}
 * @param unit the unit of the samples, e.g. {@code "1/s"}, {@code "ms"}, {@code "MB/s"}
 * @param params the load that produced it, e.g. {@code writers=16, streams=16}; kept in insertion order
 * @param dsk the gateway's samples, at least one
 * @param reference the reference server's samples; empty when only the gateway was measured
 * @param better which direction is an improvement
 * @param target an optional goal
 */
public record Figure(String name, String unit, Map<String, Object> params, List<Double> dsk,
        List<Double> reference, Direction better, Optional<Target> target) {

    public Figure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a figure needs a name");
        }
        if (dsk == null || dsk.isEmpty()) {
            throw new IllegalArgumentException("figure '" + name + "' needs at least one dsk sample");
        }
        unit = unit == null ? "" : unit;
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        dsk = List.copyOf(dsk);
        reference = reference == null ? List.of() : List.copyOf(reference);
        better = better == null ? Direction.HIGHER : better;
        target = target == null ? Optional.empty() : target;
        Spread.of(dsk);
        if (!reference.isEmpty()) {
            Spread.of(reference);
        }
    }

    /** A figure without a target. */
    public static Figure of(String name, String unit, Map<String, Object> params, List<Double> dsk,
            List<Double> reference, Direction better) {
        return new Figure(name, unit, params, dsk, reference, better, Optional.empty());
    }

    /** This figure with a target. */
    public Figure withTarget(Target goal) {
        return new Figure(name, unit, params, dsk, reference, better, Optional.of(goal));
    }

    public Spread dskSpread() {
        return Spread.of(dsk);
    }

    /** The reference server's median and range; empty when it was not measured. */
    public Optional<Spread> referenceSpread() {
        return reference.isEmpty() ? Optional.empty() : Optional.of(Spread.of(reference));
    }

    /** median(dsk) / median(reference); empty without reference samples or when the reference median is 0. */
    public OptionalDouble ratio() {
        Optional<Spread> ref = referenceSpread();
        if (ref.isEmpty() || ref.get().median() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(dskSpread().median() / ref.get().median());
    }

    /** Whether the target is met; empty when there is no target. */
    public Optional<Boolean> targetMet() {
        return target.map(t -> t.met(this));
    }

    /**
     * How far from the target the figure is, as the factor the gateway must still gain (for
     * throughput) or lose (for latency, memory); 1 or less means met. Empty without a target or ratio.
     */
    public OptionalDouble shortfall() {
        if (target.isEmpty()) {
            return OptionalDouble.empty();
        }
        Target t = target.get();
        double actual;
        if (t.kind() == Target.Kind.ABSOLUTE_AT_MOST || t.kind() == Target.Kind.ABSOLUTE_AT_LEAST) {
            actual = dskSpread().median();
        } else {
            OptionalDouble r = ratio();
            if (r.isEmpty()) {
                return OptionalDouble.empty();
            }
            actual = r.getAsDouble();
        }
        if (actual == 0 || t.value() == 0) {
            return OptionalDouble.empty();
        }
        boolean atLeast = t.kind() == Target.Kind.RATIO_AT_LEAST || t.kind() == Target.Kind.ABSOLUTE_AT_LEAST;
        return OptionalDouble.of(atLeast ? t.value() / actual : actual / t.value());
    }

    /** The params as {@code k=v, k=v}. */
    public String describeParams() {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }
}
