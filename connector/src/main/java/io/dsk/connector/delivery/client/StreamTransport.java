package io.dsk.connector.delivery.client;

import java.util.concurrent.CompletableFuture;

/**
 * Sends requests to a Durable Streams server. Implementations never block the caller: each request
 * completes its future with the server's answer, or exceptionally with an {@link java.io.IOException}
 * when no answer arrived.
 */
public interface StreamTransport extends AutoCloseable {

    /**
     * @param request the append
     * @return the server's answer
     */
    CompletableFuture<TransportResponse> append(AppendRequest request);

    /**
     * @param request the stream to create
     * @return the server's answer
     */
    CompletableFuture<TransportResponse> create(CreateRequest request);

    /**
     * @param path a stream path
     * @return the full URL of the stream, for messages
     */
    String urlOf(String path);

    @Override
    void close();
}
