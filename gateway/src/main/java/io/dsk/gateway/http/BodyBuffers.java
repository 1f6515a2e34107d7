package io.dsk.gateway.http;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers that read bodies are copied through. A body that fits one buffer gets a heap buffer of its
 * size; a longer one gets a direct buffer of {@link #BUFFER_BYTES}, which the store fills and the
 * socket drains without another copy. At most {@link #MAX_DIRECT} direct buffers exist at once, so
 * many concurrent long reads cost bounded memory; beyond that they fall back to heap buffers.
 */
final class BodyBuffers {

    /** Size of one piece of a long body: sixteen of the store's largest byte-stream entries. */
    static final int BUFFER_BYTES = 1 << 20;
    static final int MAX_DIRECT = 16;

    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger direct = new AtomicInteger();

    /** A cleared buffer for a body of {@code length} bytes. */
    ByteBuffer take(long length) {
        if (length <= BUFFER_BYTES) {
            return ByteBuffer.allocate((int) length);
        }
        ByteBuffer b = idle.poll();
        if (b != null) {
            return b.clear();
        }
        if (direct.incrementAndGet() <= MAX_DIRECT) {
            return ByteBuffer.allocateDirect(BUFFER_BYTES);
        }
        direct.decrementAndGet();
        return ByteBuffer.allocate(BUFFER_BYTES);
    }

    /** Returns a buffer from {@link #take} once nothing refers to it any more. */
    void give(ByteBuffer b) {
        if (b.isDirect()) {
            idle.offer(b);
        }
    }
}
