package io.dsk.gateway.store;

import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** The storage engine failed; the operation had no effect and the request is answered 5xx. */
public final class StoreException extends RuntimeException {

    /** What the C library says for ENOSPC, as it appears in RocksDB's and the JDK's messages. */
    private static final String NO_SPACE = "no space left on device";

    /** Set by {@link #limitReached}; false for a failure of the engine. */
    private final boolean limitReached;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreException(String message, Throwable cause, boolean limitReached) {
        super(message, cause);
        this.limitReached = limitReached;
    }

    /**
     * A write refused before it reached the engine, because the engine holds as much as it may
     * ({@link KeyValueStore#full()}).
     *
     * @param reason what is full and what to change, as {@link KeyValueStore#full()} says it
     */
    public static StoreException limitReached(String reason) {
        return new StoreException(reason, null, true);
    }

    /** True for a write refused by {@link #limitReached}: nothing was written. */
    public boolean limitReached() {
        return limitReached;
    }

    /**
     * True if the engine failed because the disk is full: RocksDB's {@code NoSpace} status (as a code
     * or as the sub-code of an {@code IOError}), or ENOSPC from a file write anywhere in the causes.
     */
    public boolean diskFull() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RocksDBException r && r.getStatus() != null && noSpace(r.getStatus())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean noSpace(Status status) {
        return status.getSubCode() == Status.SubCode.NoSpace
                || status.getState() != null && status.getState().toLowerCase(Locale.ROOT).contains(NO_SPACE);
    }
}
