package io.dsk.connector.delivery.client;

/** Header names of the Durable Streams protocol and of DSK's source-watermark extension. */
public final class ProtocolHeaders {

    /** Idempotent producer id (PROTOCOL 5.2.1). */
    public static final String PRODUCER_ID = "Producer-Id";
    /** Idempotent producer epoch. */
    public static final String PRODUCER_EPOCH = "Producer-Epoch";
    /** Idempotent producer sequence number of a request. */
    public static final String PRODUCER_SEQ = "Producer-Seq";
    /** On a sequence gap, the sequence number the server expected. */
    public static final String PRODUCER_EXPECTED_SEQ = "Producer-Expected-Seq";
    /** Closes the stream (atomically with the request's body, if any). */
    public static final String STREAM_CLOSED = "Stream-Closed";
    /** Tail offset of the stream after a request. */
    public static final String STREAM_NEXT_OFFSET = "Stream-Next-Offset";
    /** Sliding TTL of a stream being created. */
    public static final String STREAM_TTL = "Stream-TTL";
    /** Absolute expiry of a stream being created. */
    public static final String STREAM_EXPIRES_AT = "Stream-Expires-At";
    /** Extension: the Kafka source range of an append, {@code topic/partition/first/last}. */
    public static final String SOURCE_RANGE = "DSK-Source-Range";
    /** Extension: the highest source offset the stream holds for the request's source partition. */
    public static final String SOURCE_WATERMARK = "DSK-Source-Watermark";
    /** Standard: how long to wait before retrying. */
    public static final String RETRY_AFTER = "Retry-After";

    private ProtocolHeaders() {
    }
}
