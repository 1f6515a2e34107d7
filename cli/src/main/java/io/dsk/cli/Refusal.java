package io.dsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.protocol.HeaderNames;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A gateway's answer that is not a success: its status, the reason it gave (the plain-text body of
 * the streams API, the {@code error} field of the JSON control APIs) and its headers.
 *
 * @param status the HTTP status
 * @param reason the gateway's reason on one line, empty when it gave none
 * @param headers the answer's headers
 */
record Refusal(int status, String reason, HttpHeaders headers) {

    /** Longest reason kept; a gateway's reasons are one short line. */
    static final int MAX_REASON_CHARS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the reason out of a refusal's body.
     *
     * @param status the HTTP status
     * @param headers the answer's headers
     * @param body the first bytes of the body
     * @return the refusal
     */
    static Refusal of(int status, HttpHeaders headers, byte[] body) {
        return new Refusal(status, reason(headers.firstValue("Content-Type").orElse(""), body), headers);
    }

    static String reason(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode error = JSON.readTree(text).path("error");
                if (error.isTextual()) {
                    text = error.asText();
                }
            } catch (IOException e) {
                // not the JSON it said: keep the text
            }
        }
        return oneLine(text);
    }

    private static String oneLine(String text) {
        String line = text.strip();
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end).strip();
        }
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX_REASON_CHARS));
        for (int i = 0; i < line.length() && out.length() < MAX_REASON_CHARS; i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.length() < line.length() ? out + "..." : out.toString();
    }

    /** The value of a header, if the gateway sent it. */
    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** Whether the answer says the stream is closed. */
    boolean streamClosed() {
        return header(HeaderNames.STREAM_CLOSED).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }
}
