package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.DataChunk;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;

/** Catch-up reads and metadata lookups; reads reset the TTL window of streams that have one. */
final class StreamReads {

    private final StreamLookup lookup;

    StreamReads(StreamLookup lookup) {
        this.lookup = lookup;
    }

    /** HEAD: the live stream's metadata; does not reset the TTL window. */
    StreamMetadata head(String path) {
        return lookup.live(path);
    }

    /**
     * Resolves the read position of {@code offset} and resets the TTL window.
     *
     * @throws ProtocolException 400 if the offset is beyond the tail
     */
    StreamMetadata open(String path, ReadOffset offset) {
        StreamMetadata meta = lookup.live(path);
        if (offset.kind() == ReadOffset.Kind.POSITION && offset.position() > meta.tail()) {
            throw ProtocolException.badRequest("offset is beyond the end of the stream");
        }
        touch(meta);
        return meta;
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
        DataChunk chunk = StreamSegments.of(lookup.chain(meta))
                .read(store, position, maxBytes, ContentTypes.isJson(meta.contentType()));
        return new ReadResult(meta, position, chunk.end(), chunk.bytes());
    }

    StreamBody body(StreamMetadata meta, long position, long maxBytes) {
        long next = Math.max(position, meta.tail() - position > maxBytes ? position + maxBytes : meta.tail());
        return new StreamBody(lookup.store(), meta, StreamSegments.of(lookup.chain(meta)), position, next);
    }

    private void touch(StreamMetadata meta) {
        if (meta.hasTtl()) {
            StreamStore store = lookup.store();
            store.commit(store.mutation().touch(meta.id(), lookup.now()), false);
        }
    }
}
