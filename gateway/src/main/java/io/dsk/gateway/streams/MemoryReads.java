package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.NotInMemoryException;
import io.dsk.gateway.store.StreamMetadata;

/**
 * HEAD and catch-up reads from memory only, for an IO thread: each step answers as {@link Streams} would, or
 * throws {@link NotInMemoryException} before any side effect, and then the whole read is run again
 * by {@link Streams}. The {@link StreamBody} it returns fills from memory only too. A read of a
 * stream with a TTL writes its access time, so it is refused here.
 *
 * <p>Only on a single node: in a cluster a read first waits for changes acknowledged elsewhere.
 */
final class MemoryReads implements CatchUpReads {

    private final StreamLookup lookup;
    private final StreamReads reads;

    /** @param lookup a lookup over a memory-only store */
    MemoryReads(StreamLookup lookup, StreamChanges changes) {
        this.lookup = lookup;
        this.reads = new StreamReads(lookup, changes);
    }

    @Override
    public StreamMetadata head(String path) {
        return reads.head(path, lookup.now());
    }

    @Override
    public long earliest(StreamMetadata meta) {
        return reads.earliest(meta);
    }

    @Override
    public StreamMetadata openRead(String path, ReadOffset offset) {
        StreamMetadata meta = reads.check(path, offset, lookup.now());
        if (meta.hasTtl()) {
            throw new NotInMemoryException("a read of a stream with a TTL records its access, a write");
        }
        return meta;
    }

    @Override
    public long readStart(StreamMetadata meta, ReadOffset offset) {
        return reads.start(meta, offset);
    }

    @Override
    public ReadResult read(StreamMetadata meta, long position, int maxBytes) {
        return reads.readFrom(meta, position, maxBytes);
    }

    @Override
    public StreamBody body(StreamMetadata meta, long position, long maxBytes) {
        return reads.body(meta, position, maxBytes);
    }
}
