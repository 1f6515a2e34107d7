package io.dsk.gateway.http;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admits at most a number of log lines a second; the lines beyond are counted, and the next line
 * admitted says how many were left out. Thread-safe.
 */
final class RateLimitedLines {

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int maxPerSecond;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int linesInWindow;
    private long leftOut;

    RateLimitedLines(int maxPerSecond, LongSupplier nanoTime) {
        this.maxPerSecond = maxPerSecond;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** The line to write, with the count of lines left out before it, or null if over the rate. */
    synchronized String admit(String line) {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= maxPerSecond) {
            leftOut++;
            return null;
        }
        linesInWindow++;
        if (leftOut == 0) {
            return line;
        }
        String withCount = line + " (" + leftOut + " earlier line(s) left out by the rate limit)";
        leftOut = 0;
        return withCount;
    }
}
