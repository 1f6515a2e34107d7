package io.dsk.gateway.subscriptions;

/**
 * When a failed delivery is tried again (PROTOCOL.md 7.1): 1 s after the first failure, doubling up
 * to 60 s, each spread by up to 20% either way.
 */
public final class RetrySchedule {

    static final long FIRST_MS = 1_000;
    static final long MAX_MS = 60_000;
    static final double JITTER = 0.2;

    private RetrySchedule() {
    }

    /**
     * @param attempt failed attempts so far, at least 1
     * @param jitter a number in [-1, 1]: where in the ±20% band this delay falls
     * @return the delay before the next attempt, in millis
     */
    public static long delayMillis(int attempt, double jitter) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 16);
        long base = Math.min(MAX_MS, FIRST_MS << doublings);
        double spread = Math.max(-1, Math.min(1, jitter)) * JITTER;
        return Math.round(base * (1 + spread));
    }
}
