package io.dsk.gateway.streams;

import io.dsk.gateway.store.ProducerState;
import io.dsk.gateway.store.SourceBatch;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One stream's state while a batch of its appends is checked and written under the stream's lock:
 * the metadata, producer states and source watermarks as the appends accepted so far left them,
 * and the mutation that will commit all of them at once. Each append is checked against this
 * state, so producer sequences, {@code Stream-Seq}, closure and watermarks hold within a batch
 * exactly as between separate commits. The writes go to a mutation that batches of other streams
 * may share, so that one commit serves them all.
 */
final class AppendBatch {

    private final StreamStore store;
    private final StreamMetadata before;
    private final StreamStore.Mutation mutation;
    private final Map<String, ProducerState> producers = new LinkedHashMap<>();
    private final Map<SourcePartition, Long> watermarks = new LinkedHashMap<>();
    private StreamMetadata meta;
    private boolean written;

    /**
     * @param mutation where the accepted appends' writes go; other streams' batches may share it
     */
    AppendBatch(StreamStore store, StreamMetadata meta, StreamStore.Mutation mutation) {
        this.store = store;
        this.before = meta;
        this.meta = meta;
        this.mutation = mutation;
    }

    /** The stream's metadata including the appends accepted so far. */
    StreamMetadata meta() {
        return meta;
    }

    /** A producer's state including the appends accepted so far. */
    Optional<ProducerState> producer(String producerId) {
        ProducerState pending = producers.get(producerId);
        return pending != null ? Optional.of(pending) : store.producer(meta.id(), producerId);
    }

    /** A source partition's watermark including the appends accepted so far. */
    Optional<Long> watermark(SourcePartition partition) {
        Long pending = watermarks.get(partition);
        return pending != null ? Optional.of(pending) : store.watermark(meta.id(), partition);
    }

    /** Adds data entries at the tail; returns the new tail. */
    long putEntries(Iterable<byte[]> entries) {
        long tail = meta.tail();
        for (byte[] entry : entries) {
            mutation.putData(meta.id(), tail, entry);
            tail += entry.length;
            written = true;
        }
        return tail;
    }

    /**
     * Replaces the metadata (new tail, Stream-Seq, closure). On a stream with a TTL every write is
     * committed even when nothing else changed, since it resets the TTL window.
     */
    void putMetadata(StreamMetadata next) {
        if (!next.equals(meta)) {
            meta = next;
            written = true;
        }
        written |= meta.hasTtl();
    }

    void putProducer(String producerId, ProducerState state) {
        producers.put(producerId, state);
        written = true;
    }

    void raiseWatermark(SourcePartition partition, SourceBatch sourceBatch) {
        watermarks.put(partition, sourceBatch.lastOffset());
        mutation.indexSourceBatch(meta.id(), partition, sourceBatch);
        written = true;
    }

    /** True if some append of the batch has something to commit. */
    boolean hasWrites() {
        return written;
    }

    /** True if the batch moved the tail or closed the stream, so live readers must be woken. */
    boolean changesStream() {
        return meta.tail() != before.tail() || meta.closed() != before.closed();
    }

    /**
     * Adds the batch's final metadata (or, when the appends moved nothing but the tail, only the new
     * tail: the data entries already carry it), producer states and watermarks to the mutation; call once,
     * when the batch has writes. {@code nowMillis} is the TTL access time to record, and on a stream
     * with a maximum age the time of the commit.
     */
    void finish(long nowMillis) {
        if (meta.withTail(before.tail()).equals(before)) {
            if (meta.tail() != before.tail()) {
                mutation.moveTail(meta.id(), meta.tail());
            }
        } else {
            mutation.putMetadata(meta);
        }
        producers.forEach((id, state) -> mutation.putProducer(meta.id(), id, state));
        watermarks.forEach((partition, offset) -> mutation.putWatermark(meta.id(), partition, offset));
        if (meta.hasTtl()) {
            mutation.touch(meta.id(), nowMillis);
        }
        if (meta.retention().hasMaxAge() && meta.tail() != before.tail()) {
            mutation.indexAppendTime(meta.id(), meta.tail(), nowMillis);
        }
    }
}
