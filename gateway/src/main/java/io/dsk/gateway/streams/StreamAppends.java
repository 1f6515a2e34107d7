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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Append and close (POST). Validation and the write happen under the stream's lock, and the data,
 * metadata, producer state, closure and source watermark of one request commit in one durable batch.
 * Checks run in the protocol's precedence: closed, content type, producer, {@code Stream-Seq},
 * source watermark.
 *
 * <p>Appends to one stream that arrive while its lock is held queue up behind it; the writer that
 * gets the lock next takes the whole queue, checks each append in arrival order against the state
 * the earlier ones left (an {@link AppendBatch}), and commits every accepted one in a single synced
 * write. Each append still gets its own answer: a refused append (a producer gap, a closed stream)
 * fails alone, and only a failed commit fails them all, with nothing acknowledged. Appends to
 * different streams never wait for each other; their synced writes share WAL syncs in the engine.
 */
final class StreamAppends {

    private final StreamLookup lookup;
    private final StreamLocks locks;
    private final EntryFraming framing;
    private final StreamListener listener;
    private final PendingAppends pending = new PendingAppends();

    StreamAppends(StreamLookup lookup, StreamLocks locks, EntryFraming framing, StreamListener listener) {
        this.lookup = lookup;
        this.locks = locks;
        this.framing = framing;
        this.listener = listener;
    }

    AppendResult append(AppendRequest request) {
        if (request.body().length == 0 && !request.close()) {
            throw ProtocolException.badRequest("empty body: send data, or Stream-Closed: true to close the stream");
        }
        PendingAppends.Pending mine = pending.add(request);
        try (StreamLocks.Held held = locks.lock(request.path())) {
            if (!mine.done()) {
                commitQueued(request.path());
            }
        } finally {
            pending.release(request.path());
        }
        return mine.outcome();
    }

    /** Paths with queued or finishing appends right now (for tests). */
    int pathsWithPendingAppends() {
        return pending.pathsInUse();
    }

    /** Checks and commits every append queued for {@code path}; call with the stream's lock held. */
    private void commitQueued(String path) {
        List<PendingAppends.Pending> queued = pending.drain(path);
        AppendBatch batch;
        try {
            batch = new AppendBatch(lookup.store(), lookup.live(path));
        } catch (RuntimeException e) {
            queued.forEach(p -> p.fail(e));
            return;
        }
        for (PendingAppends.Pending p : queued) {
            try {
                p.succeed(appendOne(batch, p.request()));
            } catch (RuntimeException e) {
                p.fail(e);
            }
        }
        if (batch.hasWrites()) {
            try {
                lookup.store().commit(batch.mutation(lookup.now()), true);
            } catch (RuntimeException e) {
                queued.stream().filter(PendingAppends.Pending::succeeded).forEach(p -> p.fail(e));
                return;
            }
        }
        if (batch.changesStream()) {
            listener.streamChanged(batch.meta().id());
        }
    }

    /** Checks one append against the batch so far and adds its writes to the batch. */
    private AppendResult appendOne(AppendBatch batch, AppendRequest request) {
        StreamMetadata meta = batch.meta();
        if (meta.closed()) {
            return appendToClosed(meta, request);
        }
        checkContentType(meta, request);
        return appendToOpen(batch, request);
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

    private AppendResult appendToOpen(AppendBatch batch, AppendRequest request) {
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
        List<byte[]> entries = framing.forAppend(meta.contentType(), request.body());
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
