package io.dsk.gateway.live;

import io.dsk.gateway.streams.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live readers waiting for a stream to change, keyed by internal stream id. A change removes the
 * stream's whole waiter set atomically and wakes each waiter exactly once; a waiter that wants more
 * registers again. Streams nobody waits on hold no entry.
 *
 * <p>Register before the final check for new data: a change between the check and the
 * registration would otherwise be missed.
 */
public final class StreamWaiters implements StreamListener {

    /** Something parked on a stream; {@link #wake} must be quick and must not block. */
    @FunctionalInterface
    public interface Waiter {
        /**
         * @param change the change that woke this waiter, shared with the others it woke
         */
        void wake(StreamChange change);
    }

    private final Map<Long, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    /** Parks {@code waiter} until the next change of stream {@code streamId}. */
    public void register(long streamId, Waiter waiter) {
        waiters.compute(streamId, (id, set) -> {
            Set<Waiter> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(waiter);
            return s;
        });
    }

    /** Forgets a waiter that no longer waits (timed out, disconnected). */
    public void unregister(long streamId, Waiter waiter) {
        waiters.computeIfPresent(streamId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void streamChanged(long streamId) {
        Set<Waiter> woken = waiters.remove(streamId);
        if (woken != null) {
            StreamChange change = StreamChange.shared();
            woken.forEach(w -> w.wake(change));
        }
    }

    /** Wakes every waiter of every stream (shutdown). */
    public void wakeAll() {
        List<Long> ids = new ArrayList<>(waiters.keySet());
        ids.forEach(this::streamChanged);
    }

    /** Number of streams with at least one waiter. */
    public int streamsWaitedOn() {
        return waiters.size();
    }
}
