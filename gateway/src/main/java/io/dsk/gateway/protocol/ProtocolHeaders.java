package io.dsk.gateway.protocol;

import io.undertow.util.HttpString;

/** Every protocol header name, in one place. */
public final class ProtocolHeaders {

    public static final HttpString STREAM_NEXT_OFFSET = new HttpString("Stream-Next-Offset");
    public static final HttpString STREAM_UP_TO_DATE = new HttpString("Stream-Up-To-Date");
    public static final HttpString STREAM_CLOSED = new HttpString("Stream-Closed");
    public static final HttpString STREAM_CURSOR = new HttpString("Stream-Cursor");
    public static final HttpString STREAM_SEQ = new HttpString("Stream-Seq");
    public static final HttpString STREAM_TTL = new HttpString("Stream-TTL");
    public static final HttpString STREAM_EXPIRES_AT = new HttpString("Stream-Expires-At");
    public static final HttpString STREAM_FORKED_FROM = new HttpString("Stream-Forked-From");
    public static final HttpString STREAM_FORK_OFFSET = new HttpString("Stream-Fork-Offset");
    public static final HttpString STREAM_FORK_SUB_OFFSET = new HttpString("Stream-Fork-Sub-Offset");
    public static final HttpString STREAM_SSE_DATA_ENCODING = new HttpString("stream-sse-data-encoding");
    public static final HttpString PRODUCER_ID = new HttpString("Producer-Id");
    public static final HttpString PRODUCER_EPOCH = new HttpString("Producer-Epoch");
    public static final HttpString PRODUCER_SEQ = new HttpString("Producer-Seq");
    public static final HttpString PRODUCER_EXPECTED_SEQ = new HttpString("Producer-Expected-Seq");
    public static final HttpString PRODUCER_RECEIVED_SEQ = new HttpString("Producer-Received-Seq");
    /** DSK extension: Kafka source range of an append, {@code topic/partition/first/last}. */
    public static final HttpString DSK_SOURCE_RANGE = new HttpString("DSK-Source-Range");
    /** DSK extension: the stream's highest source offset of the append's partition. */
    public static final HttpString DSK_SOURCE_WATERMARK = new HttpString("DSK-Source-Watermark");

    /** Request headers a browser may send cross-origin. */
    public static final String CORS_ALLOWED_HEADERS = String.join(", ",
            "Content-Type", "Authorization", "If-None-Match", "Stream-Seq", "Stream-TTL", "Stream-Expires-At",
            "Stream-Closed", "Stream-Forked-From", "Stream-Fork-Offset", "Stream-Fork-Sub-Offset",
            "Producer-Id", "Producer-Epoch", "Producer-Seq", "DSK-Source-Range");

    /** Response headers a browser script may read. */
    public static final String CORS_EXPOSED_HEADERS = String.join(", ",
            "Stream-Next-Offset", "Stream-Up-To-Date", "Stream-Closed", "Stream-Cursor", "Stream-Seq",
            "Stream-TTL", "Stream-Expires-At", "Stream-Forked-From", "Stream-Fork-Offset",
            "stream-sse-data-encoding", "Producer-Id", "Producer-Epoch", "Producer-Seq",
            "Producer-Expected-Seq", "Producer-Received-Seq", "DSK-Source-Watermark", "ETag", "Location",
            "Content-Type");

    private ProtocolHeaders() {
    }
}
