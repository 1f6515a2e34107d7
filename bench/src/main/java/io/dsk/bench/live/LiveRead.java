package io.dsk.bench.live;

import io.dsk.bench.http.HttpResponseReader;
import io.dsk.bench.http.ResponseHead;
import io.dsk.bench.sse.ControlEvent;
import io.dsk.bench.sse.SseEventParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One subscriber's side of a live read, without the socket: it builds the next GET for its
 * offset, decodes what the server sends (HTTP framing, then SSE events or a long-poll body), reports
 * each delivered message's send time, and tells the connection what to do next. Long-poll answers
 * are followed by the next poll on the same connection; a server that ends an SSE response or
 * closes the connection is resumed from the last offset received, as PROTOCOL.md 5.8 asks.
 */
final class LiveRead implements HttpResponseReader.Handler, SseEventParser.Listener {

    /** What the connection does after the bytes it just handed over. */
    enum Next {
        /** Keep reading. */
        READ,
        /** Send {@link #request()} on the same connection. */
        SEND,
        /** Close the connection and send {@link #request()} on a new one. */
        RECONNECT,
        /** The stream is closed: close the connection and stop. */
        STOP
    }

    /** Receives a subscriber's progress; called on the thread that feeds the subscriber. */
    interface Listener {

        /** The first time the subscriber is known to wait for new data. */
        void ready();

        /** The first message the subscriber received. */
        void firstMessage();

        /** One message, appended at {@code sentNanos}, arrived at {@code receivedNanos}. */
        void delivered(long sentNanos, long receivedNanos);
    }

    private final LiveMode mode;
    private final String path;
    private final String host;
    private final Listener listener;
    private final HttpResponseReader http = new HttpResponseReader(this);
    private final SseEventParser events = new SseEventParser(this);
    private final ByteArrayOutputStream longPollBody = new ByteArrayOutputStream(0);
    private String offset;
    private String cursor;
    private ResponseHead head;
    private String failure;
    private boolean ended;
    private boolean closed;
    private boolean ready;
    private long messages;
    private long receivedNanos;

    /**
     * @param mode SSE or long-poll
     * @param path the stream's path, e.g. {@code /v1/stream/bench/a}
     * @param host the Host header, e.g. {@code 127.0.0.1:4437}
     * @param offset where to start reading
     */
    LiveRead(LiveMode mode, String path, String host, String offset, Listener listener) {
        this.mode = mode;
        this.path = path;
        this.host = host;
        this.offset = offset;
        this.listener = listener;
    }

    /** The GET request that reads on from the current offset. */
    byte[] request() {
        StringBuilder target = new StringBuilder(path.length() + 96).append(path)
                .append("?offset=").append(URLEncoder.encode(offset, StandardCharsets.UTF_8))
                .append("&live=").append(mode.queryValue());
        if (cursor != null) {
            target.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The request went out in full; a long-poll subscriber now waits for data. */
    void requestSent() {
        if (mode == LiveMode.LONG_POLL) {
            becomeReady();
        }
    }

    /** The connection was replaced: forget any partly received response. */
    void reconnected() {
        http.reset();
        events.reset();
        longPollBody.reset();
        ended = false;
    }

    /**
     * Decodes bytes that arrived at {@code nanos}.
     *
     * @throws IOException if the server answered with an unexpected status or malformed framing
     */
    Next received(byte[] bytes, int from, int length, long nanos) throws IOException {
        receivedNanos = nanos;
        http.feed(bytes, from, length);
        if (failure != null) {
            throw new IOException(failure);
        }
        if (closed) {
            return Next.STOP;
        }
        if (ended) {
            ended = false;
            return head.closesConnection() ? Next.RECONNECT : Next.SEND;
        }
        return Next.READ;
    }

    /**
     * The server closed the connection.
     *
     * @throws IOException if it did so in the middle of a long-poll response
     */
    Next closedByServer() throws IOException {
        if (mode == LiveMode.LONG_POLL || !http.inResponse()) {
            http.closed();
        }
        return closed ? Next.STOP : Next.RECONNECT;
    }

    /** Messages received so far. */
    long messages() {
        return messages;
    }

    /** The offset the next request reads from. */
    String offset() {
        return offset;
    }

    @Override
    public void head(ResponseHead responseHead) {
        head = responseHead;
        boolean expected = responseHead.status() == 200 || mode == LiveMode.LONG_POLL && responseHead.status() == 204;
        if (!expected) {
            failure = "GET " + path + " (" + mode.queryValue() + ") answered " + responseHead.status();
            return;
        }
        events.reset();
        longPollBody.reset();
        if (mode == LiveMode.LONG_POLL) {
            responseHead.header("stream-next-offset").ifPresent(o -> offset = o);
            responseHead.header("stream-cursor").ifPresent(c -> cursor = c);
            closed = responseHead.status() == 204 && responseHead.header("stream-closed").isPresent();
        }
    }

    @Override
    public void body(byte[] bytes, int from, int length) {
        if (failure != null) {
            return;
        }
        if (mode == LiveMode.LONG_POLL) {
            longPollBody.write(bytes, from, length);
            return;
        }
        try {
            events.feed(bytes, from, length);
        } catch (IOException e) {
            failure = e.getMessage();
        }
    }

    @Override
    public void end() {
        ended = true;
        if (failure == null && mode == LiveMode.LONG_POLL && head.status() == 200) {
            deliver(longPollBody.toString(StandardCharsets.UTF_8));
            longPollBody.reset();
        }
    }

    @Override
    public void onEvent(String type, String data) {
        if (type.equals("data")) {
            deliver(data);
        } else if (type.equals("control")) {
            try {
                ControlEvent control = ControlEvent.parse(data);
                offset = control.nextOffset();
                closed = control.closed();
                becomeReady();
            } catch (IllegalArgumentException e) {
                failure = e.getMessage();
            }
        }
    }

    private void deliver(String json) {
        StampedMessages.sendTimes(json, sent -> {
            if (messages++ == 0) {
                listener.firstMessage();
            }
            listener.delivered(sent, receivedNanos);
        });
    }

    private void becomeReady() {
        if (!ready) {
            ready = true;
            listener.ready();
        }
    }
}
