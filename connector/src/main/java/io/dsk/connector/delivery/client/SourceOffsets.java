package io.dsk.connector.delivery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.OptionalLong;

/** Reads the answer of the extension's {@code GET <base>/__ds/source-offsets?path=<p>}. */
final class SourceOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceOffsets() {
    }

    /**
     * @param body      {@code {"path":..,"watermarks":[{"topic":..,"partition":..,"offset":..}]}}
     * @param topic     the wanted topic
     * @param partition the wanted partition
     * @return that partition's watermark; empty when absent or the body is not in that form
     */
    static OptionalLong watermark(byte[] body, String topic, int partition) {
        try {
            for (JsonNode mark : JSON.readTree(body).path("watermarks")) {
                if (topic.equals(mark.path("topic").asText(null)) && mark.path("partition").asInt(-1) == partition
                        && mark.path("offset").isIntegralNumber()) {
                    return OptionalLong.of(mark.path("offset").asLong());
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
