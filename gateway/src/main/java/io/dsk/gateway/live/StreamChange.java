package io.dsk.gateway.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change of a stream as the live readers it wakes see it. The first reader that reads at a
 * position after the change does the store read; every other reader woken by the same change at
 * the same position gets that result, so a thousand waiters on one stream cost one read, not a
 * thousand. The object lives only as long as the woken readers still answering hold it.
 *
 * <p>Readers woken by a shared change may also {@link #handOff} work to other threads (an
 * answer to a connection's IO thread): what the change's readers hand to one executor goes there
 * as one task once they were all woken, so a change costs one thread wake per IO thread, not one
 * per reader.
 */
public final class StreamChange {

    private static final Logger LOG = LoggerFactory.getLogger(StreamChange.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final long sequence;
    private final ConcurrentHashMap<Long, CompletableFuture<Object>> reads;
    /** Work handed off while the readers are woken; null once dispatched (or for an unshared change). */
    private Map<Executor, List<Runnable>> handOffs;

    private StreamChange(boolean shared) {
        this.sequence = shared ? SEQUENCE.incrementAndGet() : 0;
        this.reads = shared ? new ConcurrentHashMap<>() : null;
        this.handOffs = shared ? new LinkedHashMap<>() : null;
    }

    /** A change whose reads are shared by every reader it wakes. */
    public static StreamChange shared() {
        return new StreamChange(true);
    }

    /** For a reader woken alone (its own check or timer): reads are never shared. */
    public static StreamChange unshared() {
        return new StreamChange(false);
    }

    /** True for a change announced to a stream's waiters; false for a reader's own check. */
    public boolean isShared() {
        return reads != null;
    }

    /** A sequence no change has: for a new stream watch (see {@link StreamWaiters}). */
    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** The last sequence drawn, by a change or a new stream watch. */
    static long lastSequence() {
        return SEQUENCE.get();
    }

    /** Identifies the change among all changes of all streams: increasing, 0 for an unshared one. */
    long sequence() {
        return sequence;
    }

    /**
     * The result of {@code read} at {@code position}: computed by the first caller, shared with the
     * others, which wait for it. A failure is rethrown to every caller.
     *
     * @param <T> the type {@code read} returns; every caller at one position must pass the same type
     */
    @SuppressWarnings("unchecked")
    public <T> T readOnce(long position, LongFunction<T> read) {
        if (reads == null) {
            return read.apply(position);
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> first = reads.putIfAbsent(position, mine);
        if (first == null) {
            try {
                mine.complete(read.apply(position));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return (T) mine.join();
        }
        try {
            return (T) first.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Runs {@code task} on {@code executor}: while the change's readers are being woken, together with
     * every other task handed to the same executor, after the last reader was woken; otherwise (an
     * unshared change, or once the wake-ups are over) at once. If the executor refuses (it is
     * shutting down), the task runs on the calling thread.
     */
    public void handOff(Executor executor, Runnable task) {
        synchronized (this) {
            if (handOffs != null) {
                handOffs.computeIfAbsent(executor, e -> new ArrayList<>()).add(task);
                return;
            }
        }
        run(executor, task);
    }

    /** Sends what was handed off during the wake-ups, one task per executor; later hand-offs run at once. */
    void dispatch() {
        Map<Executor, List<Runnable>> queued;
        synchronized (this) {
            queued = handOffs;
            handOffs = null;
        }
        if (queued == null) {
            return;
        }
        queued.forEach((executor, tasks) -> run(executor, tasks.size() == 1 ? tasks.get(0) : () -> runAll(tasks)));
    }

    private static void runAll(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a live reader's hand-off failed", e);
            }
        }
    }

    private static void run(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
