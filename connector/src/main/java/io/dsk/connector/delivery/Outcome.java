package io.dsk.connector.delivery;

/**
 * What an answer of the server means for the request that got it, decided from the answer alone by
 * {@link OutcomeTable}. What to do about it also depends on the lane (its producer session, whether the
 * stream was already created, how many records the batch holds); the {@link DeliveryEngine} decides that.
 *
 * @param kind         the class of the answer
 * @param value        the number the kind carries: the source watermark for {@link Kind#TRIM_AND_RESEND}
 *                     and {@link Kind#DONE} of a watermark lookup (-1 for none), the wait in ms for
 *                     {@link Kind#RETRY_AFTER} (-1 when the server named none), the server's producer epoch
 *                     for {@link Kind#STALE_EPOCH}; otherwise -1
 * @param reason       why, in words for logs and the errant record reporter; never record data
 * @param serverReason the server's own words, for the errant record reporter only (logs never echo them)
 */
record Outcome(Kind kind, long value, String reason, String serverReason) {

    /** The classes of answers. */
    enum Kind {
        /** The request did what it asked: new data written, a stream created, a watermark read. */
        DONE,
        /** The server already held the request's data (an idempotent producer duplicate). */
        DUPLICATE,
        /** The stream already holds the batch's records up to {@link #watermark()}; send the rest. */
        TRIM_AND_RESEND,
        /** A transient failure; send the same request again after a backoff or the server's wait. */
        RETRY_AFTER,
        /** The records can never be delivered; they go to the errant record reporter. */
        BAD_RECORD,
        /** The server refused the body (400, 413); halve the batch until a bad record is alone. */
        BODY_REFUSED,
        /** The task must stop: retrying cannot help, only a change of configuration. */
        FATAL,
        /** The producer id has a newer epoch ({@link #serverEpoch()}) than the request's. */
        STALE_EPOCH,
        /** The server expects another producer sequence number. */
        SEQUENCE_GAP,
        /** The stream does not exist. */
        STREAM_MISSING,
        /** The stream is closed; only its source watermark tells which records it already holds. */
        STREAM_CLOSED,
        /** The server would not answer a lookup (401, 403); carry on without it and say what to change. */
        NOT_ANSWERED
    }

    static Outcome of(Kind kind, String reason) {
        return new Outcome(kind, -1, reason, "");
    }

    /** @return the source watermark, for {@link Kind#TRIM_AND_RESEND} and a lookup's {@link Kind#DONE} */
    long watermark() {
        return value;
    }

    /** @return the server's wait in ms, -1 when it named none, for {@link Kind#RETRY_AFTER} */
    long retryAfterMs() {
        return value;
    }

    /** @return the server's producer epoch, for {@link Kind#STALE_EPOCH} */
    long serverEpoch() {
        return value;
    }
}
