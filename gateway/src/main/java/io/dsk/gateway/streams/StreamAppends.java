package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.ProducerState;
import io.dsk.gateway.store.SourceBatch;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Append and close (POST). Validation and the write happen under the stream's lock, and the data,
 * metadata, producer state, closure and source watermark of one request commit in one durable batch.
 * Checks run in the protocol's precedence: closed, content type, producer, {@code Stream-Seq},
 * source watermark.
 *
 * <p>{@link #commit} takes appends of any streams (on a single node, everything an
 * {@link AppendCommitter} queued while its previous write was syncing; in a cluster, a run of append
 * commands of the log), locks the streams concerned, checks each stream's appends in arrival order
 * against the state the earlier ones left (an {@link AppendBatch}), and commits every accepted
 * append of every stream in a single write. Each append still gets its own answer:
 * a refused append (a producer gap, a closed stream) fails alone, and only a failed commit fails
 * them all, with nothing acknowledged.
 */
final class StreamAppends {

    private final StreamLookup lookup;
    private final StreamLocks locks;
    private final EntryFraming framing;
    private final StreamListener listener;
    private final AppendCommitListener commits;

    StreamAppends(StreamLookup lookup, StreamLocks locks, EntryFraming framing, StreamListener listener,
                  AppendCommitListener commits) {
        this.lookup = lookup;
        this.locks = locks;
        this.framing = framing;
        this.listener = listener;
        this.commits = commits;
    }

    /** How append bodies are cut into entries. */
    EntryFraming framing() {
        return framing;
    }

    /**
     * Checks appends, of one or more streams, in arrival order and commits every accepted one in a
     * single synced write; records each append's outcome in it. Takes the streams' locks.
     */
    void commit(List<QueuedAppend> queued) {
        long started = System.nanoTime();
        try {
            commitChecked(queued);
        } finally {
            commits.committed(queued.size(), System.nanoTime() - started);
        }
    }

    private void commitChecked(List<QueuedAppend> queued) {
        Map<String, List<QueuedAppend>> byPath = new LinkedHashMap<>();
        for (QueuedAppend q : queued) {
            byPath.computeIfAbsent(q.request().path(), p -> new ArrayList<>(1)).add(q);
        }
        try (StreamLocks.Held held = locks.lock(byPath.keySet())) {
            StreamStore.Mutation mutation = lookup.store().mutation();
            List<AppendBatch> batches = new ArrayList<>(byPath.size());
            for (Map.Entry<String, List<QueuedAppend>> e : byPath.entrySet()) {
                AppendBatch batch = check(e.getKey(), e.getValue(), mutation);
                if (batch != null) {
                    batches.add(batch);
                }
            }
            try {
                write(batches, mutation);
            } catch (RuntimeException e) {
                queued.stream().filter(QueuedAppend::succeeded).forEach(q -> q.fail(e));
                return;
            }
            for (AppendBatch batch : batches) {
                if (batch.changesStream()) {
                    listener.streamChanged(batch.meta().id());
                }
            }
        }
    }

    /** Commits the batches that have writes in one synced write. */
    private void write(List<AppendBatch> batches, StreamStore.Mutation mutation) {
        long now = lookup.now();
        boolean writes = false;
        for (AppendBatch batch : batches) {
            if (batch.hasWrites()) {
                batch.finish(now);
                writes = true;
            }
        }
        if (writes) {
            lookup.store().commit(mutation, true);
        }
    }

    /**
     * Checks one stream's queued appends, adding the accepted ones to {@code mutation}.
     *
     * @return the stream's batch, or null if the stream cannot take appends (each then failed)
     */
    private AppendBatch check(String path, List<QueuedAppend> queued, StreamStore.Mutation mutation) {
        AppendBatch batch;
        try {
            batch = new AppendBatch(lookup.store(), lookup.live(path), mutation);
        } catch (RuntimeException e) {
            queued.forEach(q -> q.fail(e));
            return null;
        }
        for (QueuedAppend q : queued) {
            try {
                q.succeed(appendOne(batch, q));
            } catch (RuntimeException e) {
                q.fail(e);
            }
        }
        return batch;
    }

    /** Checks one append against the batch so far and adds its writes to the batch. */
    private AppendResult appendOne(AppendBatch batch, QueuedAppend queued) {
        StreamMetadata meta = batch.meta();
        AppendRequest request = queued.request();
        if (meta.closed()) {
            return appendToClosed(meta, request);
        }
        checkContentType(meta, request);
        return appendToOpen(batch, queued);
    }

    private AppendResult appendToClosed(StreamMetadata meta, AppendRequest request) {
        ProducerHeaders p = request.producer();
        StreamMetadata.ProducerTuple by = meta.closedBy();
        if (p != null && by != null && by.producerId().equals(p.producerId())
                && by.epoch() == p.epoch() && by.seq() == p.seq()) {
            return new AppendResult(false, meta.tail(), true, new ProducerState(p.epoch(), p.seq()), null);
        }
        if (request.body().length == 0 && request.close()) {
            return new AppendResult(false, meta.tail(), true, null, null);
        }
        throw ProtocolException.conflict("the stream is closed and accepts no more appends")
                .with(ProtocolHeaders.STREAM_CLOSED, "true")
                .with(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
    }

    private static void checkContentType(StreamMetadata meta, AppendRequest request) {
        if (request.body().length == 0) {
            return;
        }
        if (request.contentType() == null) {
            throw ProtocolException.badRequest("Content-Type is required on an append with a body");
        }
        if (!ContentTypes.matches(meta.contentType(), request.contentType())) {
            throw ProtocolException.conflict("Content-Type " + ContentTypes.mediaType(request.contentType())
                    + " does not match the stream's " + ContentTypes.mediaType(meta.contentType()));
        }
    }

    private AppendResult appendToOpen(AppendBatch batch, QueuedAppend queued) {
        AppendRequest request = queued.request();
        StreamMetadata meta = batch.meta();
        ProducerState producer = null;
        if (request.producer() != null) {
            ProducerCheck.Decision d = checkProducer(batch, request.producer());
            if (d.verdict() == ProducerCheck.Verdict.DUPLICATE) {
                Long mark = request.sourceRange() == null ? null
                        : batch.watermark(partition(request.sourceRange())).orElse(null);
                return new AppendResult(false, meta.tail(), meta.closed(), d.next(), mark);
            }
            producer = d.next();
        }
        checkStreamSeq(meta, request);
        List<byte[]> entries = queued.entries(framing, meta.contentType());
        SourceRange range = request.sourceRange();
        if (range == null) {
            return write(batch, request, entries, producer, null);
        }
        Long current = batch.watermark(partition(range)).orElse(null);
        switch (WatermarkCheck.decide(current, range)) {
            case DUPLICATE:
                AppendResult closedOnly = write(batch, request, List.of(), producer, null);
                return new AppendResult(false, closedOnly.tail(), closedOnly.closed(), producer, current);
            case STRADDLES:
                throw ProtocolException.conflict("records up to source offset " + current
                                + " are already in the stream; resend only the records after it")
                        .with(ProtocolHeaders.DSK_SOURCE_WATERMARK, Long.toString(current));
            default:
                return write(batch, request, entries, producer, range);
        }
    }

    /**
     * Runs the producer state machine.
     *
     * @return an ACCEPT or DUPLICATE decision
     * @throws ProtocolException 403 for a fenced epoch, 400 for a new epoch not at 0, 409 for a gap
     */
    private ProducerCheck.Decision checkProducer(AppendBatch batch, ProducerHeaders p) {
        ProducerCheck.Decision d = ProducerCheck.decide(batch.producer(p.producerId()).orElse(null), p);
        switch (d.verdict()) {
            case STALE_EPOCH:
                throw new ProtocolException(403, "producer epoch " + p.epoch() + " is fenced by epoch "
                        + d.next().epoch()).with(ProtocolHeaders.PRODUCER_EPOCH, Long.toString(d.next().epoch()));
            case NEW_EPOCH_NOT_AT_ZERO:
                throw ProtocolException.badRequest("a new producer epoch must start at Producer-Seq 0");
            case GAP:
                throw ProtocolException.conflict("producer sequence gap: expected " + d.expectedSeq()
                                + ", received " + p.seq())
                        .with(ProtocolHeaders.PRODUCER_EXPECTED_SEQ, Long.toString(d.expectedSeq()))
                        .with(ProtocolHeaders.PRODUCER_RECEIVED_SEQ, Long.toString(p.seq()));
            default:
                return d;
        }
    }

    /**
     * Adds one accepted append to the batch: data entries, metadata (tail, Stream-Seq, closure),
     * producer state, and, when {@code range} is given, the raised watermark and the source index.
     */
    private static AppendResult write(AppendBatch batch, AppendRequest request, List<byte[]> entries,
                                      ProducerState producer, SourceRange range) {
        StreamMetadata meta = batch.meta();
        long tail = batch.putEntries(entries);
        StreamMetadata next = meta.withTail(tail);
        if (request.streamSeq() != null && !entries.isEmpty()) {
            next = next.withLastStreamSeq(request.streamSeq());
        }
        ProducerHeaders p = request.producer();
        if (request.close()) {
            next = next.withClosed(p == null ? null : new StreamMetadata.ProducerTuple(p.producerId(), p.epoch(), p.seq()));
        }
        batch.putMetadata(next);
        if (producer != null) {
            batch.putProducer(p.producerId(), producer);
        }
        Long watermark = null;
        if (range != null) {
            watermark = range.lastOffset();
            batch.raiseWatermark(partition(range),
                    new SourceBatch(range.firstOffset(), range.lastOffset(), meta.tail(), tail));
        }
        return new AppendResult(!entries.isEmpty(), tail, next.closed(), producer, watermark);
    }

    private static SourcePartition partition(SourceRange range) {
        return new SourcePartition(range.topic(), range.partition());
    }

    private static void checkStreamSeq(StreamMetadata meta, AppendRequest request) {
        String seq = request.streamSeq();
        if (seq == null || meta.lastStreamSeq() == null) {
            return;
        }
        if (Arrays.compareUnsigned(seq.getBytes(StandardCharsets.UTF_8),
                meta.lastStreamSeq().getBytes(StandardCharsets.UTF_8)) <= 0) {
            throw ProtocolException.conflict("Stream-Seq must increase: " + seq + " is not after the last accepted");
        }
    }
}
