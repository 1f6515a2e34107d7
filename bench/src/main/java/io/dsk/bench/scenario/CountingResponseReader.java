package io.dsk.bench.scenario;

import io.dsk.bench.http.HttpResponseReader;
import io.dsk.bench.http.ResponseHead;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the responses of one keep-alive connection that carries one request at a time, with the
 * benchmarks' {@link HttpResponseReader}: bodies are counted and dropped, never kept, so a 100 MB
 * read costs no memory.
 */
final class CountingResponseReader implements HttpResponseReader.Handler {

    /** A complete response: its status and headers and the length of its decoded body. */
    record Response(ResponseHead head, long bodyBytes) {

        int status() {
            return head.status();
        }

        /** A header's value, looked up without regard to case, or null. */
        String header(String name) {
            return head.header(name).orElse(null);
        }
    }

    private final HttpResponseReader reader = new HttpResponseReader(this);
    private ResponseHead head;
    private long bodyBytes;
    private Response completed;
    private int completedInFeed;

    /** Tells the reader that the next response answers a HEAD request (no body whatever the headers say). */
    void expectHeadResponse() {
        reader.expectHeadResponse();
    }

    /**
     * Consumes every remaining byte of {@code in}, a heap buffer.
     *
     * @return the response these bytes completed, or null when it needs more bytes
     * @throws IOException if the bytes are not an HTTP/1.1 response or complete more than one
     *         response (only one request is ever outstanding)
     */
    Response feed(ByteBuffer in) throws IOException {
        completed = null;
        completedInFeed = 0;
        reader.feed(in.array(), in.arrayOffset() + in.position(), in.remaining());
        in.position(in.limit());
        if (completedInFeed > 1) {
            throw new IOException(completedInFeed + " responses arrived for one request");
        }
        return completed;
    }

    @Override
    public void head(ResponseHead responseHead) {
        head = responseHead;
        bodyBytes = 0;
    }

    @Override
    public void body(byte[] bytes, int offset, int length) {
        bodyBytes += length;
    }

    @Override
    public void end() {
        completed = new Response(head, bodyBytes);
        completedInFeed++;
    }
}
