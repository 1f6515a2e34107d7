package io.dsk.connector.delivery.client;

import io.dsk.protocol.HeaderNames;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The parts of an HTTP answer the delivery logic needs: status, headers and a short reason.
 *
 * @param status  the HTTP status code
 * @param headers response headers by lower-case name (last value wins)
 * @param reason  the start of the response body, for error messages; never record data
 */
public record TransportResponse(int status, Map<String, String> headers, String reason) {

    /**
     * @param status  the status
     * @param headers headers by any-case name
     * @param reason  a short reason
     * @return the response with header names in lower case
     */
    public static TransportResponse of(int status, Map<String, String> headers, String reason) {
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return new TransportResponse(status, Map.copyOf(lower), reason == null ? "" : reason);
    }

    /**
     * @param name a header name, any case
     * @return the header's value or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param name a header name, any case
     * @return the header parsed as a non-negative long, empty when absent or malformed
     */
    public OptionalLong longHeader(String name) {
        String value = header(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** @return the {@code DSK-Source-Watermark}, empty when the server does not implement the extension */
    public OptionalLong sourceWatermark() {
        return longHeader(HeaderNames.DSK_SOURCE_WATERMARK);
    }

    /** @return the server's producer epoch, when it sent one */
    public OptionalLong producerEpoch() {
        return longHeader(HeaderNames.PRODUCER_EPOCH);
    }

    /** @return whether the server says the stream is closed */
    public boolean streamClosed() {
        String value = header(HeaderNames.STREAM_CLOSED);
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    /** @return whether the server reported a producer sequence gap */
    public boolean sequenceGap() {
        return header(HeaderNames.PRODUCER_EXPECTED_SEQ) != null;
    }

    /** @return a one-line description for error messages */
    public String describe() {
        return status + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
