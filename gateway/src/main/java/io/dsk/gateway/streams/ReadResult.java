package io.dsk.gateway.streams;

import io.dsk.gateway.store.StreamMetadata;

/**
 * One chunk of a read.
 *
 * @param stream the stream's metadata when the chunk was read
 * @param from position the chunk starts at
 * @param next position to read from next
 * @param bytes stored bytes of {@code [from, next)} (JSON entries end in commas)
 */
public record ReadResult(StreamMetadata stream, long from, long next, byte[] bytes) {

    /** The chunk reaches the tail. */
    public boolean upToDate() {
        return next >= stream.tail();
    }

    /** The chunk reaches the tail of a closed stream: end of stream. */
    public boolean endOfStream() {
        return upToDate() && stream.closed();
    }
}
