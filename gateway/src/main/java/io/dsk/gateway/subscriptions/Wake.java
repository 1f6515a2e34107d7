package io.dsk.gateway.subscriptions;

import java.util.Map;
import java.util.TreeMap;

/**
 * The wake of a subscription that is not idle (PROTOCOL.md 7): its id and generation, the stream
 * tails it reported, and who holds it until when.
 *
 * @param wakeId unique id of this wake
 * @param generation the subscription's generation when it was issued
 * @param snapshot stream path to the tail the wake reported
 * @param holder the worker that claimed a pull wake, or null
 * @param leaseExpiresAt when the lease ends (epoch millis), or -1 while no lease runs (a pull wake
 *                       not yet claimed; a webhook waiting for its next attempt)
 * @param attempts failed deliveries in a row (webhook requests, or wake events that could not be written)
 * @param nextAttemptAt when the next delivery attempt is due (epoch millis), or -1 when none is due
 */
public record Wake(String wakeId, long generation, Map<String, Long> snapshot, String holder, long leaseExpiresAt,
                   int attempts, long nextAttemptAt) {

    public Wake {
        snapshot = java.util.Collections.unmodifiableMap(new TreeMap<>(snapshot));
    }

    boolean claimed() {
        return holder != null;
    }

    /** A delivery attempt failed and another is scheduled. */
    boolean retrying() {
        return attempts > 0;
    }

    Wake withLease(String newHolder, long expiresAt, Map<String, Long> newSnapshot) {
        return new Wake(wakeId, generation, newSnapshot, newHolder, expiresAt, 0, -1);
    }

    Wake withLeaseUntil(long expiresAt) {
        return new Wake(wakeId, generation, snapshot, holder, expiresAt, 0, -1);
    }

    Wake withAttemptFailed(long nextAt) {
        return new Wake(wakeId, generation, snapshot, holder, -1, attempts + 1, nextAt);
    }

    /** The earliest time something must happen to this wake, or -1. */
    long deadline() {
        if (nextAttemptAt >= 0) {
            return nextAttemptAt;
        }
        return leaseExpiresAt;
    }
}
