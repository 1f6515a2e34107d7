package io.dsk.connector.delivery;

/**
 * Idempotent producer state of one (stream, source partition) lane: epoch, next sequence number and
 * whether the server has confirmed that this session owns the producer id.
 *
 * <p>A session starts unconfirmed at (epoch 0, seq 0), the protocol's auto-claim flow. Because
 * (0, 0) is also what an earlier session at epoch 0 used, a 204 "duplicate" to the first request of a
 * session does not prove the data was written: the session then claims the next epoch (see
 * {@link #claimAfter(long)}). A 403 with the server's epoch N claims N + 1. Once a request is accepted
 * the session is confirmed and a later 403 means another task took the producer over.
 */
final class ProducerSession {

    /** Most claims in a row before giving up, so two tasks cannot fence each other forever. */
    static final int MAX_CLAIMS = 10;

    private long epoch;
    private long nextSeq;
    private boolean confirmed;
    private boolean fresh = true;
    private int claims;

    long epoch() {
        return epoch;
    }

    long nextSeq() {
        return nextSeq;
    }

    /** @return whether no answer has been received yet in this session (the request is at epoch 0, seq 0) */
    boolean isFresh() {
        return fresh;
    }

    boolean isConfirmed() {
        return confirmed;
    }

    /** The server accepted the request at the current sequence number (new data or duplicate). */
    void accepted() {
        nextSeq++;
        confirmed = true;
        fresh = false;
        claims = 0;
    }

    /**
     * Starts a new epoch after the server reported {@code serverEpoch}.
     *
     * @param serverEpoch the server's current epoch for this producer id
     * @return false when the claim limit is reached
     */
    boolean claimAfter(long serverEpoch) {
        if (++claims > MAX_CLAIMS) {
            return false;
        }
        epoch = Math.max(epoch, serverEpoch) + 1;
        nextSeq = 0;
        confirmed = false;
        fresh = false;
        return true;
    }
}
