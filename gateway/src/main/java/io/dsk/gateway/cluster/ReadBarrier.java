package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Read-your-writes across nodes: a read first learns the log's end (the offset after every record
 * acknowledged so far, on any node) and waits until the local apply has passed it. An append
 * acknowledged before the read began lies below that end, so the read sees it.
 *
 * <p>One request for the end serves every read that arrives while it is on its way: a read joins
 * the next request to start, never one already sent (which might have left before its own
 * acknowledged append), so the cost is one round trip to the log per burst of reads, not per read.
 */
final class ReadBarrier implements AutoCloseable {

    private final CommandLog log;
    private final LogApplier applier;
    private final Duration wait;
    private final Object lock = new Object();
    private final Thread thread;
    private CompletableFuture<Map<Integer, Long>> nextEnd;
    private boolean closed;

    /**
     * @param wait the longest a read waits for the log's end and the local apply to reach it
     */
    ReadBarrier(CommandLog log, LogApplier applier, Duration wait) {
        this.log = log;
        this.applier = applier;
        this.wait = wait;
        this.thread = new Thread(this::run, "dsk-read-barrier");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns once the local copy holds every change acknowledged before the call.
     *
     * @throws ProtocolException 503 if that takes longer than the configured wait
     */
    void await() {
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<Map<Integer, Long>> end;
        synchronized (lock) {
            if (closed) {
                throw unavailable("the gateway is shutting down");
            }
            if (nextEnd == null) {
                nextEnd = new CompletableFuture<>();
                lock.notifyAll();
            }
            end = nextEnd;
        }
        try {
            Map<Integer, Long> target = end.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!applier.awaitApplied(target, deadline)) {
                throw unavailable("this node has not applied the command log up to where other nodes have written "
                        + "within " + wait.toMillis() + " ms (" + lagText(target) + ")");
            }
        } catch (TimeoutException e) {
            throw unavailable("the command log did not say where it ends within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unavailable("the command log cannot be reached: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private String lagText(Map<Integer, Long> target) {
        long behind = applier.lag(target).values().stream().mapToLong(Long::longValue).sum();
        return behind + " record(s) behind" + (applier.fault() == null ? "" : "; " + applier.fault());
    }

    private static ProtocolException unavailable(String why) {
        return new ProtocolException(503, why + "; retry, or read from another node").with(Headers.RETRY_AFTER, "1");
    }

    private void run() {
        while (true) {
            CompletableFuture<Map<Integer, Long>> request;
            synchronized (lock) {
                while (nextEnd == null && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    if (nextEnd != null) {
                        nextEnd.completeExceptionally(new IllegalStateException("the gateway is shutting down"));
                    }
                    return;
                }
                request = nextEnd;
                nextEnd = null;
            }
            try {
                request.complete(log.endOffsets(wait));
            } catch (RuntimeException e) {
                request.completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
