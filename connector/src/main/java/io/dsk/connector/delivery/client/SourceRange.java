package io.dsk.connector.delivery.client;

/**
 * The Kafka records an append carries: the first and last offsets of one topic partition.
 *
 * @param topic       the Kafka topic
 * @param partition   the Kafka partition
 * @param firstOffset offset of the first record in the append
 * @param lastOffset  offset of the last record in the append
 */
public record SourceRange(String topic, int partition, long firstOffset, long lastOffset) {

    /** @return the value of the {@code DSK-Source-Range} header */
    public String headerValue() {
        return topic + "/" + partition + "/" + firstOffset + "/" + lastOffset;
    }
}
