package io.dsk.bench.e2e;

import io.dsk.bench.measure.LatencyHistogram;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The SSE readers of one run: {@code perStream} {@link SseSubscriber}s on each stream, each with
 * its own {@link DeliveryLog}, and what they received taken together.
 */
final class SubscriberGroup implements AutoCloseable {

    private static final long POLL_MILLIS = 20;

    private final List<SseSubscriber> subscribers = new ArrayList<>();
    private final List<DeliveryLog> logs = new ArrayList<>();
    private final List<Integer> streamOf = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private SubscriberGroup() {
    }

    /** Starts the readers; each reads its stream from the beginning. */
    static SubscriberGroup start(HttpClient http, List<URI> streams, int perStream) {
        SubscriberGroup group = new SubscriberGroup();
        for (int s = 0; s < streams.size(); s++) {
            for (int k = 0; k < perStream; k++) {
                DeliveryLog log = new DeliveryLog();
                SseSubscriber subscriber = new SseSubscriber(http, streams.get(s), log);
                group.subscribers.add(subscriber);
                group.logs.add(log);
                group.streamOf.add(s);
                group.threads.add(subscriber.start(GeneratorCpu.THREAD_PREFIX + "sse-" + s + "-" + k));
            }
        }
        return group;
    }

    /** Measures latencies of records scheduled at or after {@code nanos} from now on. */
    void measureFrom(long nanos) {
        logs.forEach(log -> log.measureFrom(nanos));
    }

    /** Waits until every reader has an open SSE response. */
    boolean awaitConnected(Duration timeout) throws InterruptedException {
        return awaitEach(i -> subscribers.get(i).connections() > 0, timeout);
    }

    /** Waits until every reader has received at least one record. */
    boolean awaitFirstRecords(Duration timeout) throws InterruptedException {
        return awaitEach(i -> logs.get(i).received() > 0, timeout);
    }

    /** Waits until each reader of stream {@code s} has received {@code expectedPerStream[s]} records. */
    boolean awaitReceived(long[] expectedPerStream, Duration timeout) throws InterruptedException {
        return awaitEach(i -> logs.get(i).received() >= expectedPerStream[streamOf.get(i)], timeout);
    }

    /** Waits for the readers to end (after their streams were closed), then stops any still running. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        close();
    }

    /** How many readers there are over all streams. */
    long readers() {
        return subscribers.size();
    }

    long received() {
        return logs.stream().mapToLong(DeliveryLog::received).sum();
    }

    long duplicates() {
        return logs.stream().mapToLong(DeliveryLog::duplicates).sum();
    }

    long gaps() {
        return logs.stream().mapToLong(DeliveryLog::gaps).sum();
    }

    long connections() {
        return subscribers.stream().mapToLong(SseSubscriber::connections).sum();
    }

    /** Every reader's latencies in one histogram. */
    LatencyHistogram latencies() {
        LatencyHistogram all = new LatencyHistogram();
        logs.forEach(log -> all.add(log.latencies()));
        return all;
    }

    /** The distinct last errors of readers that had a connection error. */
    List<String> errors() {
        return subscribers.stream().map(SseSubscriber::lastError).filter(e -> e != null).distinct().toList();
    }

    @Override
    public void close() {
        subscribers.forEach(SseSubscriber::stop);
    }

    private boolean awaitEach(Predicate<Integer> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < subscribers.size(); i++) {
            while (!done.test(i)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        return true;
    }
}
