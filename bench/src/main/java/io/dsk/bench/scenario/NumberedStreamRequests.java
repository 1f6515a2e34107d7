package io.dsk.bench.scenario;

import io.dsk.bench.run.ServerUnderTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The creates and appends of streams named {@code <base><i>}, encoded on demand from the index:
 * the request line's start and the rest of the request (headers and body) are encoded once, so a
 * million streams cost the load generator no memory per stream. A request is one small copy.
 */
final class NumberedStreamRequests {

    private final int count;
    private final String target;
    private final String contentType;
    private final byte[] createStart;
    private final byte[] appendStart;
    private final byte[] createRest;
    private final byte[] appendRest;

    /**
     * @param host the {@code Host} header's value
     * @param target the request target of the streams without the number, e.g. {@code /v1/stream/bench/x/s}
     * @param count how many streams there are
     * @param contentType the streams' content type, e.g. {@code application/octet-stream}
     * @param body every append's body
     */
    NumberedStreamRequests(String host, String target, int count, String contentType, byte[] body) {
        this.count = count;
        this.target = target;
        this.contentType = contentType;
        createStart = ("PUT " + target).getBytes(StandardCharsets.US_ASCII);
        appendStart = ("POST " + target).getBytes(StandardCharsets.US_ASCII);
        createRest = rest(host, new byte[0]);
        appendRest = rest(host, body);
    }

    /** The requests of a server's streams {@code <base>0} to {@code <base><count-1>}, {@code base} relative to its stream root. */
    static NumberedStreamRequests of(ServerUnderTest server, String base, int count, String contentType,
            byte[] body) {
        return new NumberedStreamRequests(ClosedLoopLoad.host(server.baseUri()), PreEncodedRequests.target(server, base),
                count, contentType, body);
    }

    int count() {
        return count;
    }

    /** The request target of stream {@code i}, e.g. {@code /v1/stream/bench/x/s7}. */
    String target(int i) {
        return target + i;
    }

    /** The create of stream {@code i}. */
    ByteBuffer create(int i) {
        return request(createStart, i, createRest);
    }

    /** An append to stream {@code i}. */
    ByteBuffer append(int i) {
        return request(appendStart, i, appendRest);
    }

    private byte[] rest(String host, byte[] body) {
        ByteBuffer encoded = PreEncodedRequests.request("POST", host, "/", Map.of("Content-Type", contentType), body);
        byte[] all = new byte[encoded.remaining()];
        encoded.get(all);
        int afterTarget = "POST /".length();
        byte[] rest = new byte[all.length - afterTarget];
        System.arraycopy(all, afterTarget, rest, 0, rest.length);
        return rest;
    }

    private static ByteBuffer request(byte[] start, int i, byte[] rest) {
        byte[] number = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(start.length + number.length + rest.length);
        buffer.put(start).put(number).put(rest).flip();
        return buffer;
    }
}
