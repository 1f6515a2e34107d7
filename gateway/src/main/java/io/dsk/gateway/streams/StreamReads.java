package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.DataChunk;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;

/**
 * Catch-up reads and metadata lookups; reads reset the TTL window of streams that have one.
 *
 * <p>A read never returns part of a stored entry, the unit a message is stored in (one JSON message,
 * or an append of a byte stream in pieces of at most {@link Streams#MAX_ENTRY_BYTES}): it starts at the
 * start of the entry holding its offset and ends at an entry's end, so every offset it issues is an
 * entry boundary. An offset inside an entry was never issued; a read from there returns that entry
 * whole, as the reference server returns every message that ends after the offset.
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
     * @throws ProtocolException 400 if the offset is beyond the tail
     */
    StreamMetadata open(String path, ReadOffset offset, long asOf) {
        StreamMetadata meta = lookup.live(path, asOf);
        if (offset.kind() == ReadOffset.Kind.POSITION && offset.position() > meta.tail()) {
            throw ProtocolException.badRequest("offset is beyond the end of the stream");
        }
        touch(meta);
        return meta;
    }

    long start(StreamMetadata meta, ReadOffset offset) {
        return switch (offset.kind()) {
            case START -> 0;
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
