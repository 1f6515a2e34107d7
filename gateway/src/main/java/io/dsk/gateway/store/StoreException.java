package io.dsk.gateway.store;

/** The storage engine failed; the operation had no effect and the request is answered 5xx. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
