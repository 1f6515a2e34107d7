package io.dsk.connector.delivery.client;

/**
 * One POST to a stream: a body, idempotent producer coordinates and the Kafka source range.
 *
 * @param path        the canonical stream name (io.dsk.path.StreamPath), relative to the base URL
 * @param contentType the stream's media type
 * @param body        the bytes to append; empty only for a close without data
 * @param producerId  the idempotent producer id
 * @param epoch       the producer epoch
 * @param seq         the producer sequence number
 * @param source      the Kafka records carried
 * @param close       whether the request closes the stream after its body
 */
public record AppendRequest(String path, String contentType, byte[] body, String producerId, long epoch, long seq,
                            SourceRange source, boolean close) {
}
