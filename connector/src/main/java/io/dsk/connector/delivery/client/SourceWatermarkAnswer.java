package io.dsk.connector.delivery.client;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The answer to the source watermark lookup (DSK extension {@code GET __ds/source-offsets?path=}).
 *
 * @param status    the HTTP status code
 * @param watermark with 200, the highest Kafka offset of the asked partition in the stream; empty when the
 *                  stream holds none of that partition or the answer has another status
 * @param headers   response headers by any-case name, for {@code Retry-After}
 * @param reason    the start of the response body, for messages; never record data
 */
public record SourceWatermarkAnswer(int status, OptionalLong watermark, Map<String, String> headers, String reason) {

    /**
     * @param watermark the watermark, or empty
     * @return a 200 answer
     */
    public static SourceWatermarkAnswer found(OptionalLong watermark) {
        return new SourceWatermarkAnswer(200, watermark, Map.of(), "");
    }
}
