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
import java.util.Arrays;
import java.util.List;

/**
 * Append and close (POST). Validation and the write happen under the stream's lock, and the data,
 * metadata, producer state, closure and source watermark of one request commit in one durable batch.
 * Checks run in the protocol's precedence: closed, content type, producer, {@code Stream-Seq},
 * source watermark.
 */
final class StreamAppends {

    private final StreamLookup lookup;
    private final StreamLocks locks;
    private final EntryFraming framing;
    private final StreamListener listener;

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
        AppendResult result;
        long id;
        try (StreamLocks.Held held = locks.lock(request.path())) {
            StreamMetadata meta = lookup.live(request.path());
            if (meta.closed()) {
                return appendToClosed(meta, request);
            }
            checkContentType(meta, request);
            id = meta.id();
            result = appendToOpen(meta, request);
        }
        if (result.appended() || result.closed()) {
            listener.streamChanged(id);
        }
        return result;
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

    private AppendResult appendToOpen(StreamMetadata meta, AppendRequest request) {
        StreamStore store = lookup.store();
        ProducerState producer = null;
        if (request.producer() != null) {
            ProducerCheck.Decision d = checkProducer(meta, request.producer());
            if (d.verdict() == ProducerCheck.Verdict.DUPLICATE) {
                Long mark = request.sourceRange() == null ? null
                        : store.watermark(meta.id(), partition(request.sourceRange())).orElse(null);
                return new AppendResult(false, meta.tail(), meta.closed(), d.next(), mark);
            }
            producer = d.next();
        }
        checkStreamSeq(meta, request);
        List<byte[]> entries = framing.forAppend(meta.contentType(), request.body());
        SourceRange range = request.sourceRange();
        if (range == null) {
            return write(meta, request, entries, producer, null);
        }
        Long current = store.watermark(meta.id(), partition(range)).orElse(null);
        switch (WatermarkCheck.decide(current, range)) {
            case DUPLICATE:
                AppendResult closedOnly = write(meta, request, List.of(), producer, null);
                return new AppendResult(false, closedOnly.tail(), closedOnly.closed(), producer, current);
            case STRADDLES:
                throw ProtocolException.conflict("records up to source offset " + current
                                + " are already in the stream; resend only the records after it")
                        .with(ProtocolHeaders.DSK_SOURCE_WATERMARK, Long.toString(current));
            default:
                return write(meta, request, entries, producer, range);
        }
    }

    /**
     * Runs the producer state machine.
     *
     * @return an ACCEPT or DUPLICATE decision
     * @throws ProtocolException 403 for a fenced epoch, 400 for a new epoch not at 0, 409 for a gap
     */
    private ProducerCheck.Decision checkProducer(StreamMetadata meta, ProducerHeaders p) {
        ProducerCheck.Decision d = ProducerCheck.decide(
                lookup.store().producer(meta.id(), p.producerId()).orElse(null), p);
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
     * Commits one append in one durable batch: data entries, metadata (tail, Stream-Seq, closure),
     * producer state, and, when {@code range} is given, the raised watermark and the source index.
     */
    private AppendResult write(StreamMetadata meta, AppendRequest request, List<byte[]> entries,
                               ProducerState producer, SourceRange range) {
        StreamStore.Mutation mutation = lookup.store().mutation();
        long tail = meta.tail();
        for (byte[] entry : entries) {
            mutation.putData(meta.id(), tail, entry);
            tail += entry.length;
        }
        StreamMetadata next = meta.withTail(tail);
        if (request.streamSeq() != null && !entries.isEmpty()) {
            next = next.withLastStreamSeq(request.streamSeq());
        }
        ProducerHeaders p = request.producer();
        if (request.close()) {
            next = next.withClosed(p == null ? null : new StreamMetadata.ProducerTuple(p.producerId(), p.epoch(), p.seq()));
        }
        if (meta.hasTtl()) {
            mutation.touch(meta.id(), lookup.now());
        }
        if (!next.equals(meta)) {
            mutation.putMetadata(next);
        }
        if (producer != null) {
            mutation.putProducer(meta.id(), p.producerId(), producer);
        }
        Long watermark = null;
        if (range != null) {
            watermark = range.lastOffset();
            mutation.putWatermark(meta.id(), partition(range), watermark);
            mutation.indexSourceBatch(meta.id(), partition(range),
                    new SourceBatch(range.firstOffset(), range.lastOffset(), meta.tail(), tail));
        }
        lookup.store().commit(mutation, true);
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
