package io.dsk.gateway.store;

/** A forward cursor over a key range; {@link #next()} before the first access. */
public interface KeyValueCursor extends AutoCloseable {

    /** Moves to the next entry; false at the end of the range. */
    boolean next();

    /** The current key. */
    byte[] key();

    /** The current value. */
    byte[] value();

    @Override
    void close();
}
