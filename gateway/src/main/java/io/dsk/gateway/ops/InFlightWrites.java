package io.dsk.gateway.ops;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * Tracks requests that change a stream ({@link RequestRoute#writes()}) from arrival to completion,
 * so that shutdown can let acknowledged-to-be writes finish before the store closes. Live reads are
 * not tracked: they may wait for minutes and are safe to end, because clients resume by offset.
 */
public final class InFlightWrites implements HttpHandler {

    private final HttpHandler next;
    private final Object lock = new Object();
    private int inFlight;

    /**
     * @param next the handler that serves the request
     */
    public InFlightWrites(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (RequestRoute.of(exchange).writes()) {
            synchronized (lock) {
                inFlight++;
            }
            exchange.addExchangeCompleteListener((done, nextListener) -> {
                finished();
                nextListener.proceed();
            });
        }
        next.handleRequest(exchange);
    }

    /** Writes that arrived and have not completed. */
    public int count() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * Waits until no write is in flight.
     *
     * @param timeout the longest wait
     * @return true if none is in flight, false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void finished() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }
}
