package io.dsk.bench.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out writer: appends {@link StampedMessages} at a fixed rate, round-robin over the given
 * streams, each stamped just before it is sent. Appends go out on schedule whether or not earlier
 * ones were answered (up to {@value #MAX_IN_FLIGHT} in flight), so a slow server shows up as
 * latency rather than as a lower rate; an append that would exceed that bound is skipped and
 * counted.
 */
final class PacedWriter {

    static final int MAX_IN_FLIGHT = 256;

    /**
     * What one paced run did.
     *
     * @param sent appends sent
     * @param acknowledged appends the server answered with 2xx
     * @param failed appends that failed or got another status
     * @param skipped appends not sent because {@value #MAX_IN_FLIGHT} were in flight
     * @param firstFailure the first failure, or null
     * @param deliverablePerStream per stream (in the order given), appends sent and not failed
     */
    record Result(long sent, long acknowledged, long failed, long skipped, String firstFailure,
            long[] deliverablePerStream) {

        /** Appends sent and neither acknowledged nor failed when the writer stopped waiting. */
        long unanswered() {
            return sent - acknowledged - failed;
        }
    }

    private final HttpClient http;
    private final AtomicLong sequence = new AtomicLong();

    PacedWriter(HttpClient http) {
        this.http = http;
    }

    /**
     * Appends one message to each stream and waits for the answers (the warm-up before a run).
     *
     * @throws IOException if an append is refused
     */
    void appendToEach(List<URI> streams) throws IOException, InterruptedException {
        for (URI stream : streams) {
            HttpResponse<String> res = http.send(append(stream), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IOException("POST " + stream + " answered " + res.statusCode() + ": " + res.body());
            }
        }
    }

    /**
     * Appends at {@code perSecond} for {@code length}, then waits up to 30 s for the answers. The
     * window opens just before the first append and closes one interval after the last.
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    Result run(List<URI> streams, double perSecond, Duration length, MeasurementWindow window)
            throws InterruptedException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("append rate must be positive, got " + perSecond);
        }
        long interval = (long) (1e9 / perSecond);
        long count = Math.max(1, (long) (length.toNanos() / (double) interval));
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLongArray deliverable = new AtomicLongArray(streams.size());
        long sent = 0;
        long skipped = 0;
        window.open();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                skipped++;
                continue;
            }
            int index = (int) (i % streams.size());
            URI stream = streams.get(index);
            sent++;
            deliverable.incrementAndGet(index);
            http.sendAsync(append(stream), HttpResponse.BodyHandlers.discarding()).whenComplete((res, error) -> {
                inFlight.release();
                if (error == null && res.statusCode() / 100 == 2) {
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    deliverable.decrementAndGet(index);
                    firstFailure.compareAndSet(null, error != null ? error.toString()
                            : "POST " + stream + " answered " + res.statusCode());
                }
            });
        }
        for (long wait = start + count * interval - System.nanoTime(); wait > 0;
                wait = start + count * interval - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        window.close();
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            firstFailure.compareAndSet(null, "appends still unanswered 30 s after the last was sent");
        }
        long[] perStream = new long[streams.size()];
        for (int s = 0; s < perStream.length; s++) {
            perStream[s] = deliverable.get(s);
        }
        return new Result(sent, acknowledged.get(), failed.get(), skipped, firstFailure.get(), perStream);
    }

    private HttpRequest append(URI stream) {
        String body = StampedMessages.message(sequence.getAndIncrement(), System.nanoTime());
        return HttpRequest.newBuilder(stream)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
