package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.StreamMetadata;

/**
 * The reads that write nothing but a TTL access: HEAD (PROTOCOL.md 5.5), and the steps of a catch-up
 * read (5.6): open, find where to start, read a chunk or a body. {@link Streams} runs them against
 * the store and may block; {@link Streams#inMemory()} runs them from memory only.
 */
public interface CatchUpReads {

    /** HEAD: the live stream's metadata; does not reset the TTL window. */
    StreamMetadata head(String path);

    /** The earliest position a reader of the stream can read (0 unless retention dropped history). */
    long earliest(StreamMetadata meta);

    /** Opens a read: checks the stream and offset, resets the TTL window, returns the metadata. */
    StreamMetadata openRead(String path, ReadOffset offset);

    /**
     * Where a read at {@code offset} starts: the stream start, the tail, or the start of the message
     * that holds the offset, so that no read returns part of a message.
     *
     * @param meta   the stream, as {@link #openRead} returned it
     * @param offset the read's offset
     * @return the position to read from
     */
    long readStart(StreamMetadata meta, ReadOffset offset);

    /** One chunk from {@code position} of a stream whose metadata the caller already holds. */
    ReadResult read(StreamMetadata meta, long position, int maxBytes);

    /**
     * The body of a catch-up read of a byte stream from {@code position}, of at most {@code maxBytes};
     * the data is copied later, piece by piece, by {@link StreamBody#fill}.
     */
    StreamBody body(StreamMetadata meta, long position, long maxBytes);
}
