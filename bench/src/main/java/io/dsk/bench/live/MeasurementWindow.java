package io.dsk.bench.live;

/**
 * The measured interval of a fan-out run in {@link System#nanoTime()}: messages sent inside it
 * count towards the latency figures, messages received inside it towards deliveries per second.
 * Messages sent before it (the warm-up) count towards neither. Opened and closed by the driving
 * thread, read by the subscriber threads.
 */
final class MeasurementWindow {

    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    /** Opens the window now. */
    void open() {
        end = Long.MAX_VALUE;
        start = System.nanoTime();
    }

    /** Closes the window now; returns its length in seconds. */
    double close() {
        end = System.nanoTime();
        return seconds();
    }

    /** The window's length in seconds, up to now while it is open; 0 before it opened. */
    double seconds() {
        long from = start;
        if (from == Long.MAX_VALUE) {
            return 0;
        }
        long to = end == Long.MAX_VALUE ? System.nanoTime() : end;
        return (to - from) / 1e9;
    }

    boolean contains(long nanos) {
        return nanos - start >= 0 && start != Long.MAX_VALUE && (end == Long.MAX_VALUE || end - nanos > 0);
    }
}
