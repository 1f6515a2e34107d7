package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreEncodedRequestsTest {

    @Test
    void aJsonPayloadIsAnArrayOfSmallMessagesOfAtLeastTheSizeAsked() throws Exception {
        byte[] body = PreEncodedRequests.jsonPayload(32_768);

        com.fasterxml.jackson.databind.JsonNode array = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertThat(array.isArray()).isTrue();
        assertThat(body.length).isBetween(32_768, 32_768 + 100);
        assertThat(array.size()).isGreaterThan(300);
        assertThat(array.get(7).get("n").asInt()).isEqualTo(7);
        assertThat(PreEncodedRequests.jsonPayload(32_768)).isEqualTo(body);
    }

    @Test
    void requestsCarryHostHeadersLengthAndBody() {
        ByteBuffer request = PreEncodedRequests.request("POST", "127.0.0.1:80", "/v1/stream/a",
                Map.of("Content-Type", "application/octet-stream"), "xyz".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(request)).isEqualTo("POST /v1/stream/a HTTP/1.1\r\n"
                + "Host: 127.0.0.1:80\r\nContent-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\nxyz");
    }

    @Test
    void getRequestsHaveNoContentLength() {
        ByteBuffer request = PreEncodedRequests.request("GET", "h:1", "/s?offset=-1", Map.of(), new byte[0]);
        assertThat(text(request)).isEqualTo("GET /s?offset=-1 HTTP/1.1\r\nHost: h:1\r\n\r\n");
    }

    private static String text(ByteBuffer request) {
        byte[] raw = new byte[request.remaining()];
        request.get(raw);
        return new String(raw, StandardCharsets.US_ASCII);
    }
}
