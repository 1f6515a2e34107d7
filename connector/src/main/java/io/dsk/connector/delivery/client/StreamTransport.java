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
     * Reads the source watermark of a stream for one Kafka partition (DSK extension).
     *
     * @param path      the canonical stream name
     * @param topic     the Kafka topic
     * @param partition the Kafka partition
     * @return the server's answer: with 200, the highest Kafka offset of that partition in the stream (empty
     *     when there is none); any other status as the server sent it, so that a refusal is never mistaken
     *     for "no watermark"
     */
    CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition);

    /**
     * @param path a canonical stream name, or empty for the base URL
     * @return the full URL of the stream, for messages
     */
    String urlOf(String path);

    @Override
    void close();
}
