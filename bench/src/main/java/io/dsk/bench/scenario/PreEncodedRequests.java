package io.dsk.bench.scenario;

import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests of the Durable Streams protocol as raw HTTP/1.1 bytes for the closed-loop load
 * ({@link ClosedLoopLoad}), encoded once and reused for every send, and the creates that precede the
 * load, over one blocking connection.
 */
final class PreEncodedRequests {

    static final String CONTENT_TYPE = "application/octet-stream";
    /** The content type of JSON streams, whose appends are arrays of messages ({@link #jsonPayload}). */
    static final String JSON_CONTENT_TYPE = "application/json";

    private PreEncodedRequests() {
    }

    /** Encodes a request: request line, Host, the given headers, Content-Length and the body. */
    static ByteBuffer request(String method, String host, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(headBytes.length + body.length);
        buffer.put(headBytes).put(body).flip();
        return buffer.asReadOnlyBuffer();
    }

    /** The request target of a stream: the server's stream root path plus the relative stream path. */
    static String target(ServerUnderTest server, String streamPath) {
        return server.streamUri(streamPath).getRawPath();
    }

    /** An append of {@code body} to a byte stream. */
    static ByteBuffer append(ServerUnderTest server, String streamPath, byte[] body) {
        return append(server, streamPath, body, CONTENT_TYPE);
    }

    /** An append of {@code body} to a stream of {@code contentType}. */
    static ByteBuffer append(ServerUnderTest server, String streamPath, byte[] body, String contentType) {
        return request("POST", ClosedLoopLoad.host(server.baseUri()), target(server, streamPath),
                Map.of("Content-Type", contentType), body);
    }

    /** A create of a stream of {@code contentType}. */
    static ByteBuffer create(ServerUnderTest server, String streamPath, String contentType) {
        return request("PUT", ClosedLoopLoad.host(server.baseUri()), target(server, streamPath),
                Map.of("Content-Type", contentType), new byte[0]);
    }

    /** A catch-up read of a stream from {@code offset} ({@code -1} for the start). */
    static ByteBuffer read(ServerUnderTest server, String streamPath, String offset) {
        return request("GET", ClosedLoopLoad.host(server.baseUri()),
                target(server, streamPath) + "?offset=" + offset, Map.of(), new byte[0]);
    }

    /**
     * Creates streams with one connection.
     *
     * @throws IOException if a create is not answered with 201 (or 200 for an existing stream)
     */
    static void create(ServerUnderTest server, List<String> streamPaths) throws IOException {
        create(server, streamPaths, CONTENT_TYPE);
    }

    /** Creates streams of {@code contentType} with one connection, as {@link #create(ServerUnderTest, List)}. */
    static void create(ServerUnderTest server, List<String> streamPaths, String contentType) throws IOException {
        try (BlockingHttpConnection connection = new BlockingHttpConnection(server.baseUri())) {
            for (String path : streamPaths) {
                connection.expect("PUT", target(server, path), Map.of("Content-Type", contentType), new byte[0],
                        201, 200);
            }
        }
    }

    /** A payload of random bytes from a fixed seed, so that storage compression gains nothing. */
    static byte[] payload(int bytes) {
        byte[] body = new byte[bytes];
        new Random(bytes).nextBytes(body);
        return body;
    }

    /**
     * A JSON body of at least {@code bytes} bytes: an array of messages {@code {"n":i,"v":"..."}} of
     * about 100 bytes each, with random letters from a fixed seed, as a connector's batch of records.
     */
    static byte[] jsonPayload(int bytes) {
        Random random = new Random(bytes);
        StringBuilder json = new StringBuilder("[");
        for (int n = 0; json.length() < bytes - 1; n++) {
            json.append(n == 0 ? "" : ",").append("{\"n\":").append(n).append(",\"v\":\"");
            for (int i = 0; i < 80; i++) {
                json.append((char) ('a' + random.nextInt(26)));
            }
            json.append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether an append was acknowledged. */
    static boolean appended(CountingResponseReader.Response response) {
        return response.status() == 204 || response.status() == 200;
    }
}
