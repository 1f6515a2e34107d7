package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The rules of the protocol applied to the local store, synchronously, on the caller's thread: what
 * a single node does for each request, and what each node of a cluster does for each command of
 * the log. Every decision reads the store and the clock {@link Streams} was built with, nothing
 * else, so the same commands applied to the same store with the same clock give the same bytes.
 */
public final class StreamApply {

    private final StreamLookup lookup;
    private final StreamCreation creation;
    private final StreamAppends appends;
    private final StreamRemoval removal;
    private final StreamRetention retention;
    private final StreamListener listener;

    StreamApply(StreamLookup lookup, StreamCreation creation, StreamAppends appends, StreamRemoval removal,
                StreamRetention retention, StreamListener listener) {
        this.lookup = lookup;
        this.creation = creation;
        this.appends = appends;
        this.removal = removal;
        this.retention = retention;
        this.listener = listener;
    }

    /** The store changes are applied to. */
    public StreamStore store() {
        return lookup.store();
    }

    /** Creates, forks or confirms a stream; the listener hears of a stream created. */
    public CreateResult create(CreateRequest request) {
        CreateResult result = creation.create(request);
        if (result.created()) {
            listener.streamChanged(result.stream().id());
        }
        return result;
    }

    /**
     * Checks appends of any streams in order and commits every accepted one in one write, then
     * calls each answer with its outcome.
     */
    public void append(List<AppendRequest> requests, List<Streams.AppendAnswer> answers) {
        List<QueuedAppend> queued = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            QueuedAppend q = new QueuedAppend(requests.get(i), answers.get(i));
            if (!refuseEmpty(requests.get(i), (result, failure) -> q.fail(failure))) {
                queued.add(q);
            }
            if (q.done()) {
                q.answer();
            }
        }
        if (!queued.isEmpty()) {
            appends.commit(queued);
            queued.forEach(QueuedAppend::answer);
        }
    }

    /** Deletes the stream at {@code path}. */
    public void delete(String path) {
        removal.delete(path);
    }

    /** Records a read of the stream with internal id {@code id} at the clock's time, if it has a TTL. */
    public void touch(long id) {
        lookup.store().byId(id).filter(meta -> meta.hasTtl() && !meta.softDeleted()).ifPresent(meta -> {
            StreamStore store = lookup.store();
            store.commit(store.mutation().touch(id, lookup.now()), false);
        });
    }

    /** Removes streams whose TTL or expiry has passed by the clock; returns how many. */
    public int sweepExpired() {
        return sweepExpired(id -> true);
    }

    /**
     * Like {@link #sweepExpired()}, for the streams whose internal id {@code owned} accepts only
     * (in a cluster, those of the log partition being applied).
     */
    public int sweepExpired(LongPredicate owned) {
        int removed = 0;
        StreamStore.ExpiryCheck after = null;
        List<StreamStore.ExpiryCheck> due;
        do {
            due = lookup.store().dueExpiries(after, lookup.now(), Streams.SWEEP_BATCH);
            for (StreamStore.ExpiryCheck check : due) {
                if (owned.test(check.id()) && removal.sweep(check)) {
                    removed++;
                }
            }
            after = due.isEmpty() ? null : due.get(due.size() - 1);
        } while (due.size() == Streams.SWEEP_BATCH);
        return removed;
    }

    /** Drops the history each stream's retention policy no longer keeps at {@code now}. */
    public RetentionPass enforceRetention(long now) {
        return retention.enforce(now, id -> true);
    }

    /**
     * Like {@link #enforceRetention(long)}, at the clock's time, for the streams whose internal id
     * {@code owned} accepts only (in a cluster, those of the log partition being applied).
     */
    public RetentionPass enforceRetention(LongPredicate owned) {
        return retention.enforce(lookup.now(), owned);
    }

    StreamAppends appends() {
        return appends;
    }

    /**
     * Refuses an append with neither a body nor a close, the one check that needs no stream.
     *
     * @return true if it was refused ({@code answer} was told)
     */
    public static boolean refuseEmpty(AppendRequest request, Streams.AppendAnswer answer) {
        if (request.body().length == 0 && !request.close()) {
            answer.accept(null, ProtocolException.badRequest(
                    "empty body: send data, or Stream-Closed: true to close the stream"));
            return true;
        }
        return false;
    }
}
