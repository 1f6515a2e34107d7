package io.dsk.bench.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A saturation ladder: concurrency is raised step by step until throughput stops rising, and the
 * load is then held at the step that gave the most. A step "rises" when it beats the best step so
 * far by more than {@link #RISE}; the first step that does not ends the ladder.
 */
final class SaturationLadder {

    /** Least gain over the best step so far for a step to count as still rising (10%). */
    static final double RISE = 0.10;

    /** One step: how many closed-loop writers, and the acknowledged appends per second they got. */
    record Step(int writers, double perSecond) {
    }

    private final List<Integer> writers;
    private final List<Step> steps = new ArrayList<>();

    /**
     * @param writers the concurrency of each step, rising; the ladder never goes past the last
     */
    SaturationLadder(List<Integer> writers) {
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one step");
        }
        for (int i = 1; i < writers.size(); i++) {
            if (writers.get(i) <= writers.get(i - 1)) {
                throw new IllegalArgumentException("ladder steps must rise, got " + writers);
            }
        }
        this.writers = List.copyOf(writers);
    }

    /** Records the throughput of the step {@link #nextWriters()} named. */
    void record(double perSecond) {
        if (done()) {
            throw new IllegalStateException("the ladder is done");
        }
        steps.add(new Step(writers.get(steps.size()), perSecond));
    }

    /** True once throughput stopped rising or every step ran. */
    boolean done() {
        if (steps.size() == writers.size()) {
            return true;
        }
        if (steps.size() < 2) {
            return false;
        }
        double bestBefore = steps.subList(0, steps.size() - 1).stream().mapToDouble(Step::perSecond).max()
                .orElse(0);
        return steps.get(steps.size() - 1).perSecond() <= bestBefore * (1 + RISE);
    }

    /** The concurrency of the next step. */
    int nextWriters() {
        if (done()) {
            throw new IllegalStateException("the ladder is done");
        }
        return writers.get(steps.size());
    }

    /** The concurrency to hold: that of the step with the highest throughput (the lower one on a tie). */
    int heldWriters() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("no step ran");
        }
        return steps.stream().max(Comparator.comparingDouble(Step::perSecond)
                .thenComparing(Comparator.comparingInt(Step::writers).reversed())).orElseThrow().writers();
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
