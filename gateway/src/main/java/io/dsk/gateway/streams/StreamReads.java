package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.DataChunk;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import io.undertow.util.Headers;

/**
 * Catch-up reads and metadata lookups; reads reset the TTL window of streams that have one.
 *
 * <p>A read never returns part of a stored entry, the unit a message is stored in (one JSON message,
 * or an append of a byte stream in pieces of at most {@link Streams#MAX_ENTRY_BYTES}): it starts at the
 * start of the entry holding its offset and ends at an entry's end, so every offset it issues is an
 * entry boundary. An offset inside an entry was never issued; a read from there returns that entry
 * whole, as the reference server returns every message that ends after the offset.
 *
 * <p>Retention drops history from the head: a read from before the earliest retained position is
 * refused with 410 and {@code DSK-Earliest-Offset}, never answered with less; {@code offset=-1}
 * starts there.
 */
final class StreamReads {

    private final StreamLookup lookup;
    private final StreamChanges changes;

    StreamReads(StreamLookup lookup, StreamChanges changes) {
        this.lookup = lookup;
        this.changes = changes;
    }

    /**
     * HEAD: the live stream's metadata; does not reset the TTL window.
     *
     * @param asOf when the request began: expiry is judged as of then
     */
    StreamMetadata head(String path, long asOf) {
        return lookup.live(path, asOf);
    }

    /**
     * Resolves the read position of {@code offset} and resets the TTL window.
     *
     * @param asOf when the request began: expiry is judged as of then
     * @throws ProtocolException 400 if the offset is beyond the tail, 410 if retention dropped it
     */
    StreamMetadata open(String path, ReadOffset offset, long asOf) {
        StreamMetadata meta = check(path, offset, asOf);
        touch(meta);
        return meta;
    }

    /**
     * {@link #open} without resetting the TTL window: the stream and the offset checked.
     *
     * @param asOf when the request began: expiry is judged as of then
     * @throws ProtocolException 400 if the offset is beyond the tail, 410 if retention dropped it
     */
    StreamMetadata check(String path, ReadOffset offset, long asOf) {
        StreamMetadata meta = lookup.live(path, asOf);
        if (offset.kind() == ReadOffset.Kind.POSITION && offset.position() > meta.tail()) {
            throw ProtocolException.badRequest("offset is beyond the end of the stream");
        }
        if (offset.kind() == ReadOffset.Kind.POSITION) {
            checkRetained(meta, offset.position());
        }
        return meta;
    }

    /** The earliest position a reader of the stream can read (0 unless retention dropped history). */
    long earliest(StreamMetadata meta) {
        if (!meta.isFork()) {
            return meta.earliest();
        }
        return RetentionHorizon.readable(lookup.chain(meta));
    }

    /** Refuses a read from {@code position} when retention dropped it (410 naming the earliest offset). */
    private void checkRetained(StreamMetadata meta, long position) {
        long earliest = earliest(meta);
        if (position < earliest) {
            throw ProtocolException.gone("retention dropped the data at this offset; the earliest retained offset "
                            + "is in " + ProtocolHeaders.DSK_EARLIEST_OFFSET)
                    .with(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(earliest))
                    .with(Headers.CACHE_CONTROL, "no-store");
        }
    }

    long start(StreamMetadata meta, ReadOffset offset) {
        return switch (offset.kind()) {
            case START -> earliest(meta);
            case NOW -> meta.tail();
            case POSITION -> offset.position() < meta.tail()
                    ? StreamSegments.of(lookup.chain(meta)).entryStart(lookup.store(), offset.position())
                    : offset.position();
        };
    }

    /** Reads one chunk of at most about {@code maxBytes} from {@code position}. */
    ReadResult read(String path, long position, int maxBytes) {
        StreamMetadata meta = lookup.live(path);
        return readFrom(meta, position, maxBytes);
    }

    ReadResult readFrom(StreamMetadata meta, long position, int maxBytes) {
        if (position >= meta.tail()) {
            return new ReadResult(meta, position, position, new byte[0]);
        }
        StreamStore store = lookup.store();
        DataChunk chunk = StreamSegments.of(lookup.chain(meta)).read(store, position, maxBytes, true);
        if (chunk.end() == position) {
            // Nothing where data should be: retention may have dropped it since the read was opened.
            lookup.store().byId(meta.id()).ifPresent(now -> checkRetained(now, position));
        }
        return new ReadResult(meta, position, chunk.end(), chunk.bytes());
    }

    StreamBody body(StreamMetadata meta, long position, long maxBytes) {
        StreamSegments segments = StreamSegments.of(lookup.chain(meta));
        long next = meta.tail() - position > maxBytes
                ? segments.entryEnd(lookup.store(), position + Math.max(1, maxBytes)) : Math.max(position, meta.tail());
        return new StreamBody(lookup.store(), meta, segments, position, next);
    }

    private void touch(StreamMetadata meta) {
        if (meta.hasTtl()) {
            changes.touched(meta, lookup.now());
        }
    }
}
