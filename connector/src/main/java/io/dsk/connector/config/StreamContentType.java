package io.dsk.connector.config;

/** The content type a stream is created with, which decides how records are rendered into it. */
public enum StreamContentType {
    /** JSON mode: each record is one JSON message; a batch is posted as a JSON array. */
    JSON("application/json"),
    /** Newline-delimited JSON: each record is one line of JSON text. */
    NDJSON("application/x-ndjson"),
    /** Text passthrough: a record's text (or UTF-8 bytes) is appended as is. */
    TEXT("text/plain"),
    /** Byte passthrough: a record's bytes are appended as is. */
    OCTET_STREAM("application/octet-stream");

    private final String mediaType;

    StreamContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @return the media type sent in {@code Content-Type} */
    public String mediaType() {
        return mediaType;
    }

    /** @return whether records in this content type are rendered as JSON values */
    public boolean isJson() {
        return this == JSON || this == NDJSON;
    }

    /** The validator and recommender for options holding a content type. */
    public static final ChoiceValidator<StreamContentType> CHOICES =
            ChoiceValidator.of(StreamContentType.class, StreamContentType::mediaType);
}
