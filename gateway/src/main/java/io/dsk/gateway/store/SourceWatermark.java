package io.dsk.gateway.store;

/** The highest source offset of a Kafka topic partition written to a stream. */
public record SourceWatermark(String topic, int partition, long offset) {
}
