package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberedStreamRequestsTest {

    private final byte[] body = "xyz".getBytes(StandardCharsets.US_ASCII);
    private final NumberedStreamRequests requests = new NumberedStreamRequests("127.0.0.1:80", "/v1/stream/b/s",
            1_000_000, PreEncodedRequests.CONTENT_TYPE, body);

    @Test
    void appendsAreTheSameBytesAsAPreEncodedAppendToTheNumberedStream() {
        assertThat(text(requests.append(999_999))).isEqualTo(text(PreEncodedRequests.request("POST", "127.0.0.1:80",
                "/v1/stream/b/s999999", Map.of("Content-Type", PreEncodedRequests.CONTENT_TYPE), body)));
    }

    @Test
    void createsHaveAnEmptyBodyAndTheStreamsContentType() {
        assertThat(text(requests.create(7))).isEqualTo("PUT /v1/stream/b/s7 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: 0\r\n\r\n");
        assertThat(requests.count()).isEqualTo(1_000_000);
    }

    @Test
    void createsAndAppendsCarryTheContentTypeGiven() {
        NumberedStreamRequests json = new NumberedStreamRequests("h", "/s", 3, "application/json", body);
        assertThat(text(json.create(1))).contains("Content-Type: application/json\r\n");
        assertThat(text(json.append(2))).startsWith("POST /s2 ").contains("Content-Type: application/json\r\n");
    }

    private static String text(ByteBuffer request) {
        byte[] raw = new byte[request.remaining()];
        request.get(raw);
        return new String(raw, StandardCharsets.US_ASCII);
    }
}
