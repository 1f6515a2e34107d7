package io.dsk.bench.scenario;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection used request by request from one thread: for set-up (creating
 * streams) and for sequential reads where the per-response cost of a general client would be
 * measured instead of the server.
 */
final class BlockingHttpConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final String host;
    private final CountingResponseReader parser = new CountingResponseReader();
    private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);

    BlockingHttpConnection(URI server) throws IOException {
        this.host = server.getHost() + ":" + server.getPort();
        this.channel = SocketChannel.open(new InetSocketAddress(server.getHost(), server.getPort()));
        channel.socket().setTcpNoDelay(true);
        in.flip();
    }

    /**
     * Sends a request and reads the whole response, dropping its body.
     *
     * @param method GET, PUT, POST, HEAD
     * @param target the request target, e.g. {@code /v1/stream/a?offset=-1}
     * @param headers extra headers
     * @param body the body, empty for none
     * @return the response
     * @throws IOException if the connection fails or closes early
     */
    CountingResponseReader.Response send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        ByteBuffer request = PreEncodedRequests.request(method, host, target, headers, body);
        while (request.hasRemaining()) {
            channel.write(request);
        }
        if (method.equals("HEAD")) {
            parser.expectHeadResponse();
        }
        while (true) {
            if (in.hasRemaining()) {
                CountingResponseReader.Response response = parser.feed(in);
                if (response != null) {
                    return response;
                }
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                throw new IOException(method + " " + target + ": the server closed the connection mid-response");
            }
        }
    }

    /**
     * Sends a request and fails unless the status is one of {@code expected}.
     *
     * @throws IOException naming the request and status otherwise
     */
    CountingResponseReader.Response expect(String method, String target, Map<String, String> headers, byte[] body,
            int... expected) throws IOException {
        CountingResponseReader.Response response = send(method, target, headers, body);
        for (int status : expected) {
            if (response.status() == status) {
                return response;
            }
        }
        throw new IOException(method + " " + target + " answered " + response.status());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
