package io.dsk.gateway.live;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * One change of a stream as the live readers it wakes see it. The first reader that reads at a
 * position after the change does the store read; every other reader woken by the same change at
 * the same position gets that result, so a thousand waiters on one stream cost one read, not a
 * thousand. The object lives only as long as the woken readers still answering hold it.
 */
public final class StreamChange {

    private final ConcurrentHashMap<Long, CompletableFuture<Object>> reads;

    private StreamChange(boolean shared) {
        this.reads = shared ? new ConcurrentHashMap<>() : null;
    }

    /** A change whose reads are shared by every reader it wakes. */
    public static StreamChange shared() {
        return new StreamChange(true);
    }

    /** For a reader woken alone (its own check or timer): reads are never shared. */
    public static StreamChange unshared() {
        return new StreamChange(false);
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
}
