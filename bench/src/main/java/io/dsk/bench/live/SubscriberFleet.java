package io.dsk.bench.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Many live-read subscribers of one server, spread over a few {@link SubscriberLoop} threads.
 * Against a loopback server, connections bind round-robin to the local addresses 127.0.0.2,
 * 127.0.0.3, ..., because one source address has only about 28,000 ephemeral ports per
 * destination; on Linux every address of 127/8 answers without configuration.
 */
final class SubscriberFleet implements AutoCloseable {

    /** Loopback source addresses used in rotation; 16 of them allow well over 200,000 connections. */
    static final int LOOPBACK_SOURCES = 16;
    /** Reconnects of one subscriber after socket errors before it counts as failed. */
    static final int SOCKET_RETRIES = 3;

    private final List<SubscriberLoop> loops = new ArrayList<>();
    private final SubscriberCounts counts = new SubscriberCounts();
    private final MeasurementWindow window = new MeasurementWindow();
    private final InetSocketAddress server;
    private final boolean loopback;
    private int subscribed;

    /**
     * @param serverUri any URI of the server (only host and port are used)
     * @param threads how many selector threads share the connections
     * @param maxConnectingPerThread pending connects allowed per thread
     */
    SubscriberFleet(URI serverUri, int threads, int maxConnectingPerThread) throws IOException {
        if (threads < 1 || maxConnectingPerThread < 1) {
            throw new IllegalArgumentException("threads and pending connects must be at least 1, got "
                    + threads + " and " + maxConnectingPerThread);
        }
        InetAddress address = InetAddress.getByName(serverUri.getHost());
        this.server = new InetSocketAddress(address, serverUri.getPort());
        this.loopback = address.isLoopbackAddress() && address.getAddress().length == 4;
        for (int i = 0; i < threads; i++) {
            loops.add(new SubscriberLoop("live-subscribers-" + i, server, maxConnectingPerThread, SOCKET_RETRIES,
                    counts, window));
        }
    }

    /** Adds {@code count} subscribers of the stream at {@code path}, reading from {@code offset}. */
    void subscribe(LiveMode mode, String path, String offset, int count) throws UnknownHostException {
        for (int i = 0; i < count; i++, subscribed++) {
            loops.get(subscribed % loops.size()).subscribe(mode, path, offset, sourceAddress(subscribed));
        }
    }

    /** Subscribers added so far. */
    int subscribed() {
        return subscribed;
    }

    SubscriberCounts counts() {
        return counts;
    }

    MeasurementWindow window() {
        return window;
    }

    /**
     * Waits until {@code progress} reaches {@code subscribed()} minus the failed subscribers.
     *
     * @return whether it did within {@code timeout}
     */
    boolean await(IntSupplier progress, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progress.getAsInt() + counts.failed() < subscribed) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The deliveries recorded by all threads so far. */
    DeliveryStats stats() throws InterruptedException, ExecutionException, TimeoutException {
        List<DeliveryStats> parts = new ArrayList<>();
        for (SubscriberLoop loop : loops) {
            parts.add(loop.stats().get(30, TimeUnit.SECONDS));
        }
        return DeliveryStats.merge(parts);
    }

    /** Closes every connection and stops the threads. */
    @Override
    public void close() throws InterruptedException {
        for (SubscriberLoop loop : loops) {
            loop.close();
        }
    }

    private InetAddress sourceAddress(int index) throws UnknownHostException {
        if (!loopback) {
            return null;
        }
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + index % LOOPBACK_SOURCES)});
    }
}
