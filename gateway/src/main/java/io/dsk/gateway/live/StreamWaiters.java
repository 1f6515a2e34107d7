package io.dsk.gateway.live;

import io.dsk.gateway.streams.StreamListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live readers waiting for a stream to change, keyed by internal stream id. A change takes the
 * stream's whole waiter set atomically and wakes each waiter exactly once; a waiter that wants more
 * registers again. A stream's entry keeps its last change after the wake-up, for readers that
 * register again; {@link #forgetIdle}, run periodically, drops entries nobody registered with since
 * the run before, so streams no longer read hold nothing.
 *
 * <p>Register before the final check for new data: a change between the check and the
 * registration would otherwise be missed. A reader that read after being woken by a change can
 * make that check without reading the store: {@link #register(long, Waiter, StreamChange)} says
 * whether a change was announced since. So can a reader that took {@link #changesSoFar} before its
 * first read: {@link #register(long, Waiter, long)}.
 *
 * <p>Threads: {@link #streamChanged} runs on the thread that changed the stream (the append
 * committer) and only takes the waiter set; the waiters are woken on the {@code wakeups} executor,
 * one task per change, and what they {@linkplain StreamChange#handOff hand off} is sent after the
 * last one.
 */
public final class StreamWaiters implements StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWaiters.class);

    /** Something parked on a stream; {@link #wake} runs on the wake-up thread and must not block for long. */
    @FunctionalInterface
    public interface Waiter {
        /**
         * @param change the change that woke this waiter, shared with the others it woke
         */
        void wake(StreamChange change);
    }

    /**
     * The waiters of one stream and its last announced change (or, before the first, a sequence
     * drawn when it was created: no change of this stream was announced to it); touched only inside
     * the map's compute.
     */
    private static final class Watch {
        Set<Waiter> waiting = new HashSet<>();
        long latest = StreamChange.nextSequence();
        /** Nobody waited or registered since the last {@link #forgetIdle}. */
        boolean idle;
    }

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final Executor wakeups;

    /** Wakes waiters on the thread that announces the change (tests). */
    public StreamWaiters() {
        this(Runnable::run);
    }

    /** Wakes waiters on {@code wakeups}, one task per change. */
    public StreamWaiters(Executor wakeups) {
        this.wakeups = wakeups;
    }

    /** Parks {@code waiter} until the next change of stream {@code streamId}. */
    public void register(long streamId, Waiter waiter) {
        register(streamId, waiter, null);
    }

    /**
     * Parks {@code waiter} until the next change of stream {@code streamId}, and tells whether any
     * change was announced after {@code seen}: if not, a read made after {@code seen} woke the
     * reader saw everything committed, and any later change will wake {@code waiter}.
     *
     * @param seen the change whose wake-up preceded the reader's last read; null if none
     * @return true if {@code seen} is the stream's latest change; false if there was another since,
     *         or it is unknown (then the caller checks the store)
     */
    public boolean register(long streamId, Waiter waiter, StreamChange seen) {
        return register(streamId, waiter, seen != null && seen.isShared() ? seen.sequence() : 0);
    }

    /**
     * Where changes stand now, for a reader about to read a stream it will then wait on: pass it to
     * {@link #register(long, Waiter, long)} after the read.
     *
     * @return the sequence of the latest change announced, or watch created, of any stream
     */
    public long changesSoFar() {
        return StreamChange.lastSequence();
    }

    /**
     * Parks {@code waiter} until the next change of stream {@code streamId}, and tells whether no
     * change of it was announced after {@code seenUpTo} (from {@link #changesSoFar} before the
     * reader's read, or a change that woke it): then that read saw everything committed, and any
     * later change will wake {@code waiter}. The answer is exact when true: a change announced later
     * gave the stream's watch a higher sequence, or removed it so that a new one with a higher
     * sequence was created.
     *
     * @return true if no change of the stream came after {@code seenUpTo}; false if one did, or it
     *         is unknown (then the caller checks the store)
     */
    public boolean register(long streamId, Waiter waiter, long seenUpTo) {
        boolean[] unchanged = new boolean[1];
        watches.compute(streamId, (id, w) -> {
            Watch watch = w != null ? w : new Watch();
            watch.idle = false;
            watch.waiting.add(waiter);
            unchanged[0] = watch.latest <= seenUpTo;
            return watch;
        });
        return unchanged[0];
    }

    /** Forgets a waiter that no longer waits (timed out, disconnected). */
    public void unregister(long streamId, Waiter waiter) {
        watches.computeIfPresent(streamId, (id, watch) ->
                watch.waiting.remove(waiter) && watch.waiting.isEmpty() ? null : watch);
    }

    @Override
    public void streamChanged(long streamId) {
        Object[] taken = new Object[2];
        watches.computeIfPresent(streamId, (id, watch) -> {
            if (watch.waiting.isEmpty()) {
                return null;
            }
            StreamChange change = StreamChange.shared();
            taken[0] = watch.waiting;
            taken[1] = change;
            watch.waiting = new HashSet<>();
            watch.latest = change.sequence();
            return watch;
        });
        if (taken[0] != null) {
            @SuppressWarnings("unchecked")
            Set<Waiter> woken = (Set<Waiter>) taken[0];
            StreamChange change = (StreamChange) taken[1];
            Runnable wake = () -> wake(woken, change);
            try {
                wakeups.execute(wake);
            } catch (RejectedExecutionException e) {
                wake.run();
            }
        }
    }

    private static void wake(Set<Waiter> woken, StreamChange change) {
        try {
            for (Waiter w : woken) {
                try {
                    w.wake(change);
                } catch (RuntimeException e) {
                    LOG.warn("a live reader failed to wake", e);
                }
            }
        } finally {
            change.dispatch();
        }
    }

    /**
     * Drops the entries of streams nobody waited on or registered with since the previous call, so
     * that the entries kept after a wake-up for readers that register again do not outlive them. A
     * reader of a dropped stream is then told to check the store, as for a stream never watched.
     */
    public void forgetIdle() {
        for (Long id : new ArrayList<>(watches.keySet())) {
            watches.computeIfPresent(id, (key, watch) -> {
                if (!watch.waiting.isEmpty()) {
                    watch.idle = false;
                    return watch;
                }
                if (watch.idle) {
                    return null;
                }
                watch.idle = true;
                return watch;
            });
        }
    }

    /** Number of streams with an entry, waited on or not. */
    int streamsHeld() {
        return watches.size();
    }

    /** Wakes every waiter of every stream (shutdown). */
    public void wakeAll() {
        List<Long> ids = new ArrayList<>(watches.keySet());
        ids.forEach(this::streamChanged);
    }

    /** Number of streams with at least one waiter. */
    public int streamsWaitedOn() {
        int[] n = new int[1];
        for (Long id : new ArrayList<>(watches.keySet())) {
            watches.computeIfPresent(id, (key, watch) -> {
                if (!watch.waiting.isEmpty()) {
                    n[0]++;
                }
                return watch;
            });
        }
        return n[0];
    }
}
