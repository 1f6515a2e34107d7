package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CountingResponseReaderTest {

    private final CountingResponseReader reader = new CountingResponseReader();

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void noContentCompletesAtTheEndOfTheHeaders() throws IOException {
        CountingResponseReader.Response r = reader.feed(bytes("HTTP/1.1 204 No Content\r\nStream-Next-Offset: 42\r\n\r\n"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("stream-next-offset")).isEqualTo("42");
        assertThat(r.header("Stream-Up-To-Date")).isNull();
        assertThat(r.bodyBytes()).isZero();
    }

    @Test
    void contentLengthBodyIsCountedAcrossFeeds() throws IOException {
        ByteBuffer first = bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nStream-Up-To-Date: true\r\n\r\n0123");
        assertThat(reader.feed(first)).isNull();
        assertThat(first.hasRemaining()).isFalse();
        CountingResponseReader.Response r = reader.feed(bytes("456789"));
        assertThat(r.bodyBytes()).isEqualTo(10);
        assertThat(r.header("Stream-Up-To-Date")).isEqualTo("true");
    }

    @Test
    void chunkedBodyIsCountedWithoutItsFraming() throws IOException {
        ByteBuffer in = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                + "6;ext=1\r\n world\r\n0\r\n\r\n");
        CountingResponseReader.Response r = reader.feed(in);
        assertThat(r.bodyBytes()).isEqualTo(11);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aResponseSplitInSingleBytesIsStillParsed() throws IOException {
        ByteBuffer all = bytes("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabc");
        CountingResponseReader.Response r = null;
        while (all.hasRemaining()) {
            CountingResponseReader.Response done = reader.feed(ByteBuffer.wrap(new byte[] {all.get()}));
            r = done != null ? done : r;
        }
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.bodyBytes()).isEqualTo(3);
    }

    @Test
    void consecutiveResponsesAreReadOneRequestAtATime() throws IOException {
        assertThat(reader.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).status()).isEqualTo(200);
        CountingResponseReader.Response second = reader.feed(bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.head().headers()).containsOnlyKeys("content-length");
        assertThat(second.bodyBytes()).isZero();
    }

    @Test
    void twoResponsesToOneRequestAreAnError() {
        assertThatThrownBy(() -> reader.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\n"
                + "Content-Length: 0\r\n\r\n"))).hasMessageContaining("2 responses arrived for one request");
    }

    @Test
    void headResponsesHaveNoBodyWhateverTheLengthSays() throws IOException {
        reader.expectHeadResponse();
        CountingResponseReader.Response r = reader.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"));
        assertThat(r.bodyBytes()).isZero();
    }

    @Test
    void bytesThatAreNotAnHttpResponseAreRejected() {
        assertThatThrownBy(() -> reader.feed(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
                .hasMessageContaining("not an HTTP/1.x status line");
    }
}
