package io.dsk.protocol;

/**
 * The header names of the Durable Streams protocol and of DSK's extensions, in one place for the
 * connector (which sends them) and the gateway (which answers them).
 */
public final class HeaderNames {

    /** Tail offset of the stream after a request (PROTOCOL 5). */
    public static final String STREAM_NEXT_OFFSET = "Stream-Next-Offset";
    /** On a read: the answer reaches the tail. */
    public static final String STREAM_UP_TO_DATE = "Stream-Up-To-Date";
    /** Closes the stream (atomically with the request's body, if any); on answers, the stream is closed. */
    public static final String STREAM_CLOSED = "Stream-Closed";
    /** Long-poll cursor of a live read. */
    public static final String STREAM_CURSOR = "Stream-Cursor";
    /** Writer sequence of an append. */
    public static final String STREAM_SEQ = "Stream-Seq";
    /** Sliding TTL of a stream being created. */
    public static final String STREAM_TTL = "Stream-TTL";
    /** Absolute expiry of a stream being created. */
    public static final String STREAM_EXPIRES_AT = "Stream-Expires-At";
    /** The stream a fork reads from. */
    public static final String STREAM_FORKED_FROM = "Stream-Forked-From";
    /** Where in its source a fork starts. */
    public static final String STREAM_FORK_OFFSET = "Stream-Fork-Offset";
    /** Where inside a JSON message of its source a fork starts. */
    public static final String STREAM_FORK_SUB_OFFSET = "Stream-Fork-Sub-Offset";
    /** How SSE data of a binary stream is encoded. */
    public static final String STREAM_SSE_DATA_ENCODING = "stream-sse-data-encoding";
    /** Idempotent producer id (PROTOCOL 5.2.1). */
    public static final String PRODUCER_ID = "Producer-Id";
    /** Idempotent producer epoch. */
    public static final String PRODUCER_EPOCH = "Producer-Epoch";
    /** Idempotent producer sequence number of a request. */
    public static final String PRODUCER_SEQ = "Producer-Seq";
    /** On a sequence gap, the sequence number the server expected. */
    public static final String PRODUCER_EXPECTED_SEQ = "Producer-Expected-Seq";
    /** On a sequence gap, the sequence number the server received. */
    public static final String PRODUCER_RECEIVED_SEQ = "Producer-Received-Seq";
    /** DSK extension: the Kafka source range of an append, {@code topic/partition/first/last}. */
    public static final String DSK_SOURCE_RANGE = "DSK-Source-Range";
    /** DSK extension: the highest source offset the stream holds for the request's source partition. */
    public static final String DSK_SOURCE_WATERMARK = "DSK-Source-Watermark";
    /** DSK extension: on a create, the most seconds a message is kept before retention drops it. */
    public static final String DSK_RETENTION_MAX_AGE = "DSK-Retention-Max-Age";
    /** DSK extension: on a create, the most bytes of newest messages kept; older ones are dropped. */
    public static final String DSK_RETENTION_MAX_BYTES = "DSK-Retention-Max-Bytes";
    /** DSK extension: the offset of the earliest message retention kept (on HEAD, and on a 410 read). */
    public static final String DSK_EARLIEST_OFFSET = "DSK-Earliest-Offset";
    /** Standard: how long to wait before retrying. */
    public static final String RETRY_AFTER = "Retry-After";

    private HeaderNames() {
    }
}
