package io.dsk.gateway.store;

/**
 * A read restricted to memory ({@link KeyValueStore#memoryOnly()}, for a thread that must never
 * block) cannot be answered there: the engine would have to read its files, or the read would have
 * to write (a read of a stream with a TTL records its access). Nothing was changed; the caller runs
 * the read again where it may block.
 */
public final class NotInMemoryException extends RuntimeException {

    public NotInMemoryException(String message) {
        super(message, null, false, false);
    }
}
