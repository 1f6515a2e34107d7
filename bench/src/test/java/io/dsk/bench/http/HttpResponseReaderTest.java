package io.dsk.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private static final String CHUNKED_SSE = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "c\r\nevent: data\n\r\n"
            + "17;ext=1\r\ndata:[{\"s\":1,\"t\":42}]\n\n\r\n"
            + "0\r\nX-Trailer: yes\r\n\r\n";

    private static final String TWO_LONG_POLLS = "HTTP/1.1 204 No Content\r\n"
            + "Stream-Next-Offset: 0000000000000000_0000000000000005\r\n\r\n"
            + "HTTP/1.1 200 OK\r\n"
            + "Content-Length: 9\r\n"
            + "stream-next-offset: 0000000000000000_0000000000000009\r\n\r\n"
            + "[{\"a\":1}]";

    @Test
    void chunkedBodyIsDecodedWhateverTheReadBoundaries() throws IOException {
        for (int split = 1; split < CHUNKED_SSE.length(); split++) {
            Recording r = feedSplit(CHUNKED_SSE, split);
            assertThat(r.heads).as("split at %d", split).hasSize(1);
            assertThat(r.heads.get(0).status()).isEqualTo(200);
            assertThat(r.body()).as("split at %d", split).isEqualTo("event: data\ndata:[{\"s\":1,\"t\":42}]\n\n");
            assertThat(r.ends).as("split at %d", split).isEqualTo(1);
        }
    }

    @Test
    void chunkedBodyIsDecodedFedOneByteAtATime() throws IOException {
        Recording r = new Recording();
        byte[] bytes = CHUNKED_SSE.getBytes(StandardCharsets.US_ASCII);
        for (byte b : bytes) {
            r.reader.feed(new byte[] {b}, 0, 1);
        }
        assertThat(r.body()).isEqualTo("event: data\ndata:[{\"s\":1,\"t\":42}]\n\n");
        assertThat(r.ends).isEqualTo(1);
    }

    @Test
    void consecutiveResponsesOnOneConnectionAreFramedByStatusAndContentLength() throws IOException {
        for (int split = 1; split < TWO_LONG_POLLS.length(); split++) {
            Recording r = feedSplit(TWO_LONG_POLLS, split);
            assertThat(r.heads).extracting(ResponseHead::status).containsExactly(204, 200);
            assertThat(r.heads.get(0).header("Stream-Next-Offset")).hasValue("0000000000000000_0000000000000005");
            assertThat(r.heads.get(1).header("STREAM-NEXT-OFFSET")).hasValue("0000000000000000_0000000000000009");
            assertThat(r.body()).isEqualTo("[{\"a\":1}]");
            assertThat(r.ends).isEqualTo(2);
            assertThat(r.reader.inResponse()).isFalse();
        }
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheConnectionCloses() throws IOException {
        Recording r = new Recording();
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: control\n"
                .getBytes(StandardCharsets.US_ASCII);
        r.reader.feed(bytes, 0, bytes.length);
        assertThat(r.ends).isZero();
        assertThat(r.reader.closed()).isTrue();
        assertThat(r.body()).isEqualTo("event: control\n");
        assertThat(r.ends).isEqualTo(1);
    }

    @Test
    void aResponseCutShortIsReportedWhenTheConnectionCloses() throws IOException {
        Recording r = new Recording();
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[{".getBytes(StandardCharsets.US_ASCII);
        r.reader.feed(bytes, 0, bytes.length);
        assertThatThrownBy(r.reader::closed).isInstanceOf(IOException.class).hasMessageContaining("middle of a response");
    }

    @Test
    void resetDropsAPartlyReceivedResponse() throws IOException {
        Recording r = new Recording();
        byte[] partial = "HTTP/1.1 200 OK\r\nTransfer-Enc".getBytes(StandardCharsets.US_ASCII);
        r.reader.feed(partial, 0, partial.length);
        r.reader.reset();
        byte[] whole = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        r.reader.feed(whole, 0, whole.length);
        assertThat(r.heads).extracting(ResponseHead::status).containsExactly(204);
        assertThat(r.ends).isEqualTo(1);
    }

    @Test
    void malformedFramingNamesWhatIsWrong() {
        assertThatThrownBy(() -> feedSplit("SSH-2.0-OpenSSH\r\n\r\n", 3)).hasMessageContaining("status line");
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", 5))
                .hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 5))
                .hasMessageContaining("chunk size");
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", 5))
                .hasMessageContaining("CRLF");
    }

    @Test
    void aHeadResponseHasNoBodyWhateverItsLengthSays() throws IOException {
        Recording r = new Recording();
        r.reader.expectHeadResponse();
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII);

        r.reader.feed(bytes, 0, bytes.length);

        assertThat(r.ends).isEqualTo(2);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void headsWithBareLineFeedsPaddedValuesAndRepeatedHeadersAreRead() throws IOException {
        String response = "HTTP/1.1 200 OK\nCONTENT-length:  3 \nX-Seen:\tfirst\r\nx-seen: last\n\nabc"
                + "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        for (int split = 1; split < response.length(); split++) {
            Recording r = feedSplit(response, split);
            assertThat(r.heads).as("split at %d", split).extracting(ResponseHead::status).containsExactly(200, 404);
            assertThat(r.heads.get(0).headers()).as("split at %d", split)
                    .containsOnly(entry("content-length", "3"), entry("x-seen", "last"));
            assertThat(r.body()).isEqualTo("abc");
            assertThat(r.ends).isEqualTo(2);
        }
    }

    @Test
    void headerValuesKeepBytesAboveAscii() throws IOException {
        assertThat(HttpResponseReader.parseHead("HTTP/1.1 200 OK\r\nX-Name: \u00e9t\u00e9 \r\n\r\n").header("x-name"))
                .hasValue("\u00e9t\u00e9");
    }

    @Test
    void badHeadsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 2x0 OK\r\n\r\n", 4)).hasMessageContaining("three-digit code");
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", 4))
                .hasMessageContaining("header line without a colon: 'no colon here'");
        assertThatThrownBy(() -> feedSplit("HTTP/1.1 200 OK\r\n: no name\r\n\r\n", 4))
                .hasMessageContaining("without a colon");
        String huge = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
        assertThatThrownBy(() -> feedSplit(huge, 100)).hasMessageContaining("longer than 65536 bytes");
    }

    @Test
    void connectionCloseHeaderIsRecognised() throws IOException {
        assertThat(HttpResponseReader.parseHead("HTTP/1.1 204 No Content\r\nConnection: Close\r\n\r\n")
                .closesConnection()).isTrue();
        assertThat(HttpResponseReader.parseHead("HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n")
                .closesConnection()).isFalse();
    }

    private static Recording feedSplit(String response, int split) throws IOException {
        Recording r = new Recording();
        byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
        r.reader.feed(bytes, 0, split);
        r.reader.feed(bytes, split, bytes.length - split);
        return r;
    }

    private static final class Recording implements HttpResponseReader.Handler {
        final List<ResponseHead> heads = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpResponseReader reader = new HttpResponseReader(this);
        int ends;

        @Override
        public void head(ResponseHead head) {
            heads.add(head);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
        }

        @Override
        public void end() {
            ends++;
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
