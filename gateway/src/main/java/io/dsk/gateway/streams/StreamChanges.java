package io.dsk.gateway.streams;

import io.dsk.gateway.store.StreamMetadata;

/**
 * Where {@link Streams} sends every change of state: applied here at once ({@link LocalChanges}, a
 * single node) or written as a command to a replicated log and answered once this node has applied
 * it (cluster mode). Reads are served from the local store either way; {@link #catchUp} is what
 * makes them see every change acknowledged anywhere before they began.
 */
public interface StreamChanges extends AutoCloseable {

    /** PUT: creates or forks a stream, or confirms an identical one; blocks until decided. */
    CreateResult create(CreateRequest request);

    /** POST without blocking: {@code answer} gets the outcome once it is durable or refused. */
    void submitAppend(AppendRequest request, Streams.AppendAnswer answer);

    /** DELETE; blocks until decided. */
    void delete(String path);

    /** A read reset the TTL window of {@code meta} at {@code millis}. */
    void touched(StreamMetadata meta, long millis);

    /**
     * Removes streams whose TTL or expiry has passed.
     *
     * @return how many were removed
     */
    int sweepExpired();

    /**
     * Drops the history each stream's retention policy no longer keeps.
     *
     * @param now the time of the decision on a single node (a cluster decides at the log's time)
     * @return what was dropped
     */
    RetentionPass enforceRetention(long now);

    /**
     * Returns once this copy holds every change acknowledged, on any node, before the call.
     *
     * @throws io.dsk.gateway.protocol.ProtocolException 503 when that takes longer than allowed
     */
    void catchUp();

    /**
     * False when {@link #catchUp} returns at once (a single node), so that reads may be answered
     * where nothing may block.
     */
    default boolean catchUpMayWait() {
        return true;
    }

    /** Stops taking changes; those still waiting fail with 503. The store stays open. */
    @Override
    void close();
}
