package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveReadTest {

    private static final String PATH = "/v1/stream/bench/fan-out";
    private static final String HOST = "127.0.0.1:4437";
    private static final String START = "0000000000000000_0000000000000000";

    private final Events events = new Events();

    @Test
    void firstRequestReadsLiveFromTheGivenOffset() {
        LiveRead sse = new LiveRead(LiveMode.SSE, PATH, HOST, START, events);
        assertThat(new String(sse.request(), StandardCharsets.US_ASCII)).isEqualTo(
                "GET " + PATH + "?offset=" + START + "&live=sse HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
    }

    @Test
    void sseDeliveriesCarryTheirSendTimeAndTheReadTimeWhereverTheStreamIsSplit() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("event: control\ndata:{\"streamNextOffset\":\"" + START + "\",\"upToDate\":true}\n\n")
                + chunk("event: data\ndata:[" + StampedMessages.message(0, 100) + ","
                        + StampedMessages.message(1, 200) + "]\n\n")
                + chunk("event: control\ndata:{\"streamNextOffset\":\"0000000000000000_0000000000000064\"}\n\n");
        byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
        int dataEventEnd = response.indexOf("]\n\n") + 3;
        for (int split = 1; split < bytes.length; split++) {
            long readTime = split >= dataEventEnd ? 1_000 : 2_000;
            Events seen = new Events();
            LiveRead sse = new LiveRead(LiveMode.SSE, PATH, HOST, START, seen);
            assertThat(sse.received(bytes, 0, split, 1_000)).isEqualTo(LiveRead.Next.READ);
            assertThat(sse.received(bytes, split, bytes.length - split, 2_000)).isEqualTo(LiveRead.Next.READ);
            assertThat(seen.ready).as("split at %d", split).isEqualTo(1);
            assertThat(seen.first).isEqualTo(1);
            assertThat(seen.deliveries).as("split at %d", split)
                    .containsExactly("100@" + readTime, "200@" + readTime);
            assertThat(sse.offset()).isEqualTo("0000000000000000_0000000000000064");
            assertThat(sse.messages()).isEqualTo(2);
        }
    }

    @Test
    void anSseConnectionClosedByTheServerResumesFromTheLastControlOffset() throws IOException {
        LiveRead sse = new LiveRead(LiveMode.SSE, PATH, HOST, START, events);
        feed(sse, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("event: control\ndata:{\"streamNextOffset\":\"0000000000000000_0000000000000009\"}\n\n")
                + chunk("event: data\ndata:[{\"s\":9,"));
        assertThat(sse.closedByServer()).isEqualTo(LiveRead.Next.RECONNECT);
        sse.reconnected();
        assertThat(new String(sse.request(), StandardCharsets.US_ASCII))
                .startsWith("GET " + PATH + "?offset=0000000000000000_0000000000000009&live=sse ");
        assertThat(feed(sse, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("event: data\ndata:[{\"s\":9,\"t\":5}]\n\n") + "0\r\n\r\n")).isEqualTo(LiveRead.Next.SEND);
        assertThat(events.deliveries).containsExactly("5@1");
    }

    @Test
    void aClosedStreamStopsTheSubscriber() throws IOException {
        LiveRead sse = new LiveRead(LiveMode.SSE, PATH, HOST, START, events);
        assertThat(feed(sse, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("event: control\ndata:{\"streamNextOffset\":\"1_1\",\"streamClosed\":true}\n\n")))
                .isEqualTo(LiveRead.Next.STOP);
    }

    @Test
    void longPollAnswersAreFollowedByTheNextPollFromTheNewOffsetWithTheCursor() throws IOException {
        LiveRead poll = new LiveRead(LiveMode.LONG_POLL, PATH, HOST, START, events);
        poll.requestSent();
        assertThat(events.ready).isEqualTo(1);
        assertThat(feed(poll, "HTTP/1.1 204 No Content\r\nStream-Next-Offset: " + START
                + "\r\nStream-Cursor: 11\r\nStream-Up-To-Date: true\r\n\r\n")).isEqualTo(LiveRead.Next.SEND);
        assertThat(new String(poll.request(), StandardCharsets.US_ASCII))
                .startsWith("GET " + PATH + "?offset=" + START + "&live=long-poll&cursor=11 HTTP/1.1\r\n");
        String body = "[" + StampedMessages.message(0, 40) + "]";
        String answer = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                + "\r\nStream-Next-Offset: 0000000000000000_0000000000000021\r\nStream-Cursor: 12\r\n\r\n" + body;
        byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
        assertThat(poll.received(bytes, 0, bytes.length - 3, 50)).isEqualTo(LiveRead.Next.READ);
        assertThat(events.deliveries).isEmpty();
        assertThat(poll.received(bytes, bytes.length - 3, 3, 60)).isEqualTo(LiveRead.Next.SEND);
        assertThat(events.deliveries).containsExactly("40@60");
        assertThat(poll.offset()).isEqualTo("0000000000000000_0000000000000021");
        assertThat(new String(poll.request(), StandardCharsets.US_ASCII)).contains("&cursor=12 ");
    }

    @Test
    void aLongPollAnswerThatClosesTheConnectionAsksForANewOne() throws IOException {
        LiveRead poll = new LiveRead(LiveMode.LONG_POLL, PATH, HOST, START, events);
        assertThat(feed(poll, "HTTP/1.1 204 No Content\r\nConnection: close\r\nStream-Next-Offset: 1_2\r\n\r\n"))
                .isEqualTo(LiveRead.Next.RECONNECT);
        assertThat(poll.offset()).isEqualTo("1_2");
    }

    @Test
    void anErrorStatusFailsTheSubscriberNamingTheStatus() {
        LiveRead poll = new LiveRead(LiveMode.LONG_POLL, PATH, HOST, START, events);
        assertThatThrownBy(() -> feed(poll, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("404").hasMessageContaining(PATH);
    }

    @Test
    void aLongPollCutShortByTheServerIsAnError() throws IOException {
        LiveRead poll = new LiveRead(LiveMode.LONG_POLL, PATH, HOST, START, events);
        feed(poll, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n[{");
        assertThatThrownBy(poll::closedByServer).isInstanceOf(IOException.class);
    }

    private static LiveRead.Next feed(LiveRead read, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return read.received(bytes, 0, bytes.length, 1);
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }

    private static final class Events implements LiveRead.Listener {
        final List<String> deliveries = new ArrayList<>();
        int ready;
        int first;

        @Override
        public void ready() {
            ready++;
        }

        @Override
        public void firstMessage() {
            first++;
        }

        @Override
        public void delivered(long sentNanos, long receivedNanos) {
            deliveries.add(sentNanos + "@" + receivedNanos);
        }
    }
}
