package io.dsk.gateway.protocol;

import io.dsk.protocol.HeaderNames;
import io.undertow.util.HttpString;

/** The protocol's header names ({@link HeaderNames}) as Undertow header keys, and the CORS lists. */
public final class ProtocolHeaders {

    public static final HttpString STREAM_NEXT_OFFSET = new HttpString(HeaderNames.STREAM_NEXT_OFFSET);
    public static final HttpString STREAM_UP_TO_DATE = new HttpString(HeaderNames.STREAM_UP_TO_DATE);
    public static final HttpString STREAM_CLOSED = new HttpString(HeaderNames.STREAM_CLOSED);
    public static final HttpString STREAM_CURSOR = new HttpString(HeaderNames.STREAM_CURSOR);
    public static final HttpString STREAM_SEQ = new HttpString(HeaderNames.STREAM_SEQ);
    public static final HttpString STREAM_TTL = new HttpString(HeaderNames.STREAM_TTL);
    public static final HttpString STREAM_EXPIRES_AT = new HttpString(HeaderNames.STREAM_EXPIRES_AT);
    public static final HttpString STREAM_FORKED_FROM = new HttpString(HeaderNames.STREAM_FORKED_FROM);
    public static final HttpString STREAM_FORK_OFFSET = new HttpString(HeaderNames.STREAM_FORK_OFFSET);
    public static final HttpString STREAM_FORK_SUB_OFFSET = new HttpString(HeaderNames.STREAM_FORK_SUB_OFFSET);
    public static final HttpString STREAM_SSE_DATA_ENCODING = new HttpString(HeaderNames.STREAM_SSE_DATA_ENCODING);
    public static final HttpString PRODUCER_ID = new HttpString(HeaderNames.PRODUCER_ID);
    public static final HttpString PRODUCER_EPOCH = new HttpString(HeaderNames.PRODUCER_EPOCH);
    public static final HttpString PRODUCER_SEQ = new HttpString(HeaderNames.PRODUCER_SEQ);
    public static final HttpString PRODUCER_EXPECTED_SEQ = new HttpString(HeaderNames.PRODUCER_EXPECTED_SEQ);
    public static final HttpString PRODUCER_RECEIVED_SEQ = new HttpString(HeaderNames.PRODUCER_RECEIVED_SEQ);
    /** DSK extension: Kafka source range of an append, {@code topic/partition/first/last}. */
    public static final HttpString DSK_SOURCE_RANGE = new HttpString(HeaderNames.DSK_SOURCE_RANGE);
    /** DSK extension: the stream's highest source offset of the append's partition. */
    public static final HttpString DSK_SOURCE_WATERMARK = new HttpString(HeaderNames.DSK_SOURCE_WATERMARK);
    /** DSK extension: retention's maximum age of a stream being created, in seconds. */
    public static final HttpString DSK_RETENTION_MAX_AGE = new HttpString(HeaderNames.DSK_RETENTION_MAX_AGE);
    /** DSK extension: retention's maximum size of a stream being created, in bytes. */
    public static final HttpString DSK_RETENTION_MAX_BYTES = new HttpString(HeaderNames.DSK_RETENTION_MAX_BYTES);
    /** DSK extension: the earliest retained offset of a stream. */
    public static final HttpString DSK_EARLIEST_OFFSET = new HttpString(HeaderNames.DSK_EARLIEST_OFFSET);

    /** Request headers a browser may send cross-origin. */
    public static final String CORS_ALLOWED_HEADERS = String.join(", ",
            "Content-Type", "Authorization", "If-None-Match",
            HeaderNames.STREAM_SEQ, HeaderNames.STREAM_TTL, HeaderNames.STREAM_EXPIRES_AT, HeaderNames.STREAM_CLOSED,
            HeaderNames.STREAM_FORKED_FROM, HeaderNames.STREAM_FORK_OFFSET, HeaderNames.STREAM_FORK_SUB_OFFSET,
            HeaderNames.PRODUCER_ID, HeaderNames.PRODUCER_EPOCH, HeaderNames.PRODUCER_SEQ, HeaderNames.DSK_SOURCE_RANGE,
            HeaderNames.DSK_RETENTION_MAX_AGE, HeaderNames.DSK_RETENTION_MAX_BYTES, "X-Request-Id");

    /**
     * {@code Access-Control-Expose-Headers}: every response header is readable by a browser script.
     * The wildcard holds for requests without credentials (Fetch standard, CORS protocol), which are
     * the only cross-origin requests the gateway lets a browser read: it never sends
     * {@code Access-Control-Allow-Credentials}, since tokens travel as bearer headers. One byte
     * instead of a list of every protocol header (450 bytes, half the head of a small read's
     * answer, on every read a CDN caches), and a header added later needs no entry here.
     */
    public static final String CORS_EXPOSED_HEADERS = "*";

    private ProtocolHeaders() {
    }
}
