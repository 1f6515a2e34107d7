package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

    private final HttpResponseParser parser = new HttpResponseParser();

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void noContentCompletesAtTheEndOfTheHeaders() {
        HttpResponseParser.Response r = parser.feed(bytes("HTTP/1.1 204 No Content\r\nStream-Next-Offset: 42\r\n\r\n"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("stream-next-offset")).isEqualTo("42");
        assertThat(r.bodyBytes()).isZero();
    }

    @Test
    void contentLengthBodyIsCountedAcrossFeeds() {
        assertThat(parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nStream-Up-To-Date: true\r\n\r\n0123"))).isNull();
        HttpResponseParser.Response r = parser.feed(bytes("456789"));
        assertThat(r.bodyBytes()).isEqualTo(10);
        assertThat(r.header("Stream-Up-To-Date")).isEqualTo("true");
    }

    @Test
    void chunkedBodyIsCountedWithoutItsFraming() {
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                + "6;ext=1\r\n world\r\n0\r\n\r\n");
        HttpResponseParser.Response r = parser.feed(in);
        assertThat(r.bodyBytes()).isEqualTo(11);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aResponseSplitInSingleBytesIsStillParsed() {
        ByteBuffer all = bytes("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabc");
        HttpResponseParser.Response r = null;
        while (all.hasRemaining()) {
            ByteBuffer one = ByteBuffer.wrap(new byte[] {all.get()});
            HttpResponseParser.Response done = parser.feed(one);
            r = done != null ? done : r;
        }
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.bodyBytes()).isEqualTo(3);
    }

    @Test
    void consecutiveResponsesAreParsedOneAtATime() {
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(parser.feed(in).status()).isEqualTo(200);
        HttpResponseParser.Response second = parser.feed(in);
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.headers()).containsOnlyKeys("content-length");
    }

    @Test
    void headResponsesHaveNoBodyWhateverTheLengthSays() {
        parser.expectHeadResponse(true);
        HttpResponseParser.Response r = parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"));
        assertThat(r.bodyBytes()).isZero();
    }

    @Test
    void responsesWithoutFramingAreRejected() {
        assertThatThrownBy(() -> parser.feed(bytes("HTTP/1.1 200 OK\r\n\r\n")))
                .hasMessageContaining("neither Content-Length nor chunked");
        assertThatThrownBy(() -> new HttpResponseParser().feed(bytes("SSH-2.0-OpenSSH\r\n")))
                .hasMessageContaining("not an HTTP/1.x status line");
    }

    @Test
    void requestsCarryHostHeadersLengthAndBody() {
        ByteBuffer request = HttpResponseParser.request("POST", "127.0.0.1:80", "/v1/stream/a",
                Map.of("Content-Type", "application/octet-stream"), "xyz".getBytes(StandardCharsets.US_ASCII));
        byte[] raw = new byte[request.remaining()];
        request.get(raw);
        assertThat(new String(raw, StandardCharsets.US_ASCII)).isEqualTo("POST /v1/stream/a HTTP/1.1\r\n"
                + "Host: 127.0.0.1:80\r\nContent-Type: application/octet-stream\r\nContent-Length: 3\r\n\r\nxyz");
    }

    @Test
    void getRequestsHaveNoContentLength() {
        ByteBuffer request = HttpResponseParser.request("GET", "h:1", "/s?offset=-1", Map.of(), new byte[0]);
        byte[] raw = new byte[request.remaining()];
        request.get(raw);
        assertThat(new String(raw, StandardCharsets.US_ASCII)).isEqualTo("GET /s?offset=-1 HTTP/1.1\r\nHost: h:1\r\n\r\n");
    }
}
