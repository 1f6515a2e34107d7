package io.dsk.bench.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Progress of all subscribers of a fleet, updated by the subscriber threads. */
final class SubscriberCounts {

    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger withMessage = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    void addReady() {
        ready.incrementAndGet();
    }

    void addWithMessage() {
        withMessage.incrementAndGet();
    }

    void addReconnect() {
        reconnects.incrementAndGet();
    }

    void addFailure(String reason) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }

    /** Subscribers known to wait for data (SSE: got a control event; long-poll: sent the poll). */
    int ready() {
        return ready.get();
    }

    /** Subscribers that received at least one message. */
    int withMessage() {
        return withMessage.get();
    }

    /** Subscribers that gave up after an error. */
    int failed() {
        return failed.get();
    }

    /** Connections replaced after the server closed them. */
    long reconnects() {
        return reconnects.get();
    }

    /** The first error, for the report; null if none. */
    String firstFailure() {
        return firstFailure.get();
    }
}
