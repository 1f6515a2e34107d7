package io.dsk.gateway.store;

/**
 * How much history a stream keeps: data older than {@code maxAgeMillis} or beyond the newest
 * {@code maxBytes} is dropped from the head, in whole stored entries, while the stream goes on.
 * Either bound, both or neither may be set; -1 leaves a bound unset. Stored with the stream at
 * creation, so enforcement never depends on configuration read later.
 *
 * @param maxAgeMillis drop data appended more than this many milliseconds ago, or -1
 * @param maxBytes keep at most this many of the newest bytes, or -1
 */
public record RetentionPolicy(long maxAgeMillis, long maxBytes) {

    /** Keeps everything. */
    public static final RetentionPolicy NONE = new RetentionPolicy(-1, -1);

    public RetentionPolicy {
        if (maxAgeMillis < -1 || maxBytes < -1) {
            throw new IllegalArgumentException("retention bounds are -1 (unset) or zero or more");
        }
    }

    /** A policy with only an age bound. */
    public static RetentionPolicy maxAge(long millis) {
        return new RetentionPolicy(millis, -1);
    }

    /** A policy with only a size bound. */
    public static RetentionPolicy maxBytes(long bytes) {
        return new RetentionPolicy(-1, bytes);
    }

    public boolean hasMaxAge() {
        return maxAgeMillis >= 0;
    }

    public boolean hasMaxBytes() {
        return maxBytes >= 0;
    }

    /** True if neither bound is set. */
    public boolean isNone() {
        return !hasMaxAge() && !hasMaxBytes();
    }

    /** The stricter of the two policies on each bound: a bound set in only one of them is kept. */
    public RetentionPolicy stricter(RetentionPolicy other) {
        return new RetentionPolicy(min(maxAgeMillis, other.maxAgeMillis), min(maxBytes, other.maxBytes));
    }

    private static long min(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
