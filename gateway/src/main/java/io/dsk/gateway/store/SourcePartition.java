package io.dsk.gateway.store;

/** A Kafka topic partition that writes into a stream. */
public record SourcePartition(String topic, int partition) {
}
