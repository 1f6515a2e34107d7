package io.dsk.connector.delivery;

import static io.dsk.connector.config.DurableStreamsSinkConfig.AUTO_CREATE_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.CONTENT_TYPE_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.STREAM_EXPIRES_AT_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.STREAM_TTL_CONFIG;
import static io.dsk.connector.config.DurableStreamsSinkConfig.TOKEN_CONFIG;

import io.dsk.connector.delivery.Outcome.Kind;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.protocol.HeaderNames;
import java.util.concurrent.CompletionException;

/**
 * Classifies the server's answers to the three requests the connector makes (append, create, source
 * watermark lookup) into {@link Outcome}s. Pure: the answer and the current time in, the outcome out.
 * Every row of the table is one branch below, in the order it is tried.
 */
final class OutcomeTable {

    private OutcomeTable() {
    }

    /**
     * @param response the answer to an append (PROTOCOL 5.2, 5.2.1 and the source-range extension)
     * @param nowMs    the current time in epoch ms, to read a {@code Retry-After} date
     * @return what the answer means
     */
    static Outcome ofAppend(TransportResponse response, long nowMs) {
        int status = response.status();
        if (status == 204) {
            return Outcome.of(Kind.DUPLICATE, "duplicate");
        }
        if (status >= 200 && status < 300) {
            return Outcome.of(Kind.DONE, "written");
        }
        if (status == 403 && response.producerEpoch().isPresent()) {
            return new Outcome(Kind.STALE_EPOCH, response.producerEpoch().getAsLong(), "stale producer epoch", "");
        }
        if (status == 401 || status == 403) {
            return Outcome.of(Kind.FATAL, "refused to write (" + response.describe() + "). Check " + TOKEN_CONFIG
                    + " and the write grants of its token.");
        }
        if (status == 404) {
            return Outcome.of(Kind.STREAM_MISSING, "the stream does not exist; create it, or set "
                    + AUTO_CREATE_CONFIG + "=true");
        }
        if (status == 409) {
            return ofConflict(response);
        }
        if (status == 400 || status == 413) {
            return new Outcome(Kind.BODY_REFUSED, -1, "the server rejected the record: HTTP " + status,
                    response.reason());
        }
        if (isTransient(status)) {
            return retryAfter(response, nowMs, "HTTP " + status);
        }
        if (status == 410) {
            return Outcome.of(Kind.BAD_RECORD, "the stream was deleted (410 Gone)");
        }
        return new Outcome(Kind.BAD_RECORD, -1, "the server refused the append: HTTP " + status, response.reason());
    }

    private static Outcome ofConflict(TransportResponse response) {
        if (response.streamClosed()) {
            return Outcome.of(Kind.STREAM_CLOSED, "the stream is closed; no more records can be appended to it");
        }
        if (response.sequenceGap()) {
            return Outcome.of(Kind.SEQUENCE_GAP, "producer sequence gap (" + response.describe() + ")");
        }
        if (response.sourceWatermark().isPresent()) {
            return new Outcome(Kind.TRIM_AND_RESEND, response.sourceWatermark().getAsLong(),
                    "the batch straddles the source watermark", "");
        }
        return new Outcome(Kind.BAD_RECORD, -1, "the server refused the append with 409 Conflict; the stream's "
                + "content type may differ from " + CONTENT_TYPE_CONFIG, response.reason());
    }

    /**
     * @param response the answer to a create (PROTOCOL 5.1)
     * @param nowMs    the current time in epoch ms
     * @return what the answer means
     */
    static Outcome ofCreate(TransportResponse response, long nowMs) {
        int status = response.status();
        if (isTransient(status)) {
            return retryAfter(response, nowMs, "creating the stream: HTTP " + status);
        }
        if (status >= 200 && status < 300) {
            return Outcome.of(Kind.DONE, "created");
        }
        if (status == 401 || status == 403) {
            return Outcome.of(Kind.FATAL, "refused to create a stream (" + response.describe() + "). Check "
                    + TOKEN_CONFIG + " and the admin or write grants of its token, or create the streams beforehand "
                    + "and set " + AUTO_CREATE_CONFIG + "=false.");
        }
        if (status == 409) {
            return Outcome.of(Kind.BAD_RECORD, "the stream exists with another configuration (content type, TTL, "
                    + "expiry or closed); check " + CONTENT_TYPE_CONFIG + ", " + STREAM_TTL_CONFIG + " and "
                    + STREAM_EXPIRES_AT_CONFIG);
        }
        return new Outcome(Kind.BAD_RECORD, -1, "creating the stream failed: HTTP " + status, response.reason());
    }

    /**
     * @param answer the answer to {@code GET __ds/source-offsets?path=}
     * @param nowMs  the current time in epoch ms
     * @return {@link Kind#DONE} with the watermark (-1 when the stream holds none of that partition or the
     *     server does not implement the extension), {@link Kind#RETRY_AFTER}, or {@link Kind#NOT_ANSWERED}
     */
    static Outcome ofWatermarkLookup(SourceWatermarkAnswer answer, long nowMs) {
        int status = answer.status();
        if (status == 200) {
            return new Outcome(Kind.DONE, answer.watermark().orElse(-1), "watermark read", "");
        }
        if (status == 401 || status == 403) {
            return Outcome.of(Kind.NOT_ANSWERED, "the server refused the source watermark lookup (HTTP " + status
                    + "). Give the token in " + TOKEN_CONFIG + " a read or write grant on the stream (DSK gateways "
                    + "authorise the lookup like that stream), or an admin grant on the server's __ds paths");
        }
        if (isTransient(status)) {
            return retryAfter(TransportResponse.of(status, answer.headers(), answer.reason()), nowMs,
                    "looking up the source watermark: HTTP " + status);
        }
        return new Outcome(Kind.DONE, -1, "no source watermark (HTTP " + status + ")", "");
    }

    /**
     * @param error why no answer arrived (an IO error or timeout)
     * @return a {@link Kind#RETRY_AFTER} outcome naming the error
     */
    static Outcome ofNoAnswer(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return Outcome.of(Kind.RETRY_AFTER, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static Outcome retryAfter(TransportResponse response, long nowMs, String reason) {
        return new Outcome(Kind.RETRY_AFTER,
                RetryPolicy.retryAfterMs(response.header(HeaderNames.RETRY_AFTER), nowMs), reason, "");
    }
}
