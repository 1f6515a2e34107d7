package io.dsk.gateway.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends waiting for their stream, per path, so that whichever writer holds a stream's lock can
 * take every append queued behind it and commit them together in one durable batch (one WAL sync
 * for the lot). A path's queue exists only while some writer of that path is between
 * {@link #add} and {@link #release}, so idle streams cost nothing.
 */
final class PendingAppends {

    /** One queued append and, once its batch is done, its outcome. */
    static final class Pending {
        private final AppendRequest request;
        private AppendResult result;
        private RuntimeException failure;
        private boolean done;

        private Pending(AppendRequest request) {
            this.request = request;
        }

        AppendRequest request() {
            return request;
        }

        /** True once a batch has answered this append; read it under the stream's lock or after it. */
        boolean done() {
            return done;
        }

        void succeed(AppendResult outcome) {
            this.result = outcome;
            this.done = true;
        }

        void fail(RuntimeException cause) {
            this.result = null;
            this.failure = cause;
            this.done = true;
        }

        boolean succeeded() {
            return done && failure == null;
        }

        /** The outcome: the result, or the failure rethrown. */
        AppendResult outcome() {
            if (!done) {
                throw new IllegalStateException("the append has not been committed yet");
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** A path's queue and how many writers are between add and release; changed only inside map updates. */
    private static final class Queue {
        List<Pending> waiting = new ArrayList<>();
        int users;
    }

    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

    /** Queues {@code request} behind its stream; call {@link #release} when its outcome is known. */
    Pending add(AppendRequest request) {
        Pending pending = new Pending(request);
        queues.compute(request.path(), (path, q) -> {
            Queue in = q != null ? q : new Queue();
            in.waiting.add(pending);
            in.users++;
            return in;
        });
        return pending;
    }

    /** Takes every append queued for {@code path}, in arrival order; call with the stream's lock held. */
    List<Pending> drain(String path) {
        List<List<Pending>> taken = new ArrayList<>(1);
        queues.computeIfPresent(path, (p, q) -> {
            taken.add(q.waiting);
            q.waiting = new ArrayList<>();
            return q;
        });
        return taken.isEmpty() ? List.of() : taken.get(0);
    }

    /** Ends one writer's use of {@code path}'s queue. */
    void release(String path) {
        queues.computeIfPresent(path, (p, q) -> --q.users == 0 ? null : q);
    }

    /** Paths with queued or finishing appends right now. */
    int pathsInUse() {
        return queues.size();
    }
}
