package io.dsk.gateway.store;

import java.nio.ByteBuffer;

/** A forward cursor over a key range; {@link #next()} before the first access. */
public interface KeyValueCursor extends AutoCloseable {

    /** Moves to the next entry; false at the end of the range. */
    boolean next();

    /** The current key. */
    byte[] key();

    /** The current value. */
    byte[] value();

    /** The length of the current value; engines may answer without copying it. */
    default int valueLength() {
        return value().length;
    }

    /**
     * Copies the start of the current value into {@code target}, as much as fits, and advances the
     * target's position past it; engines may copy straight from their own memory.
     *
     * @return how many bytes were copied
     */
    default int copyValue(ByteBuffer target) {
        byte[] value = value();
        int n = Math.min(value.length, target.remaining());
        target.put(value, 0, n);
        return n;
    }

    @Override
    void close();
}
