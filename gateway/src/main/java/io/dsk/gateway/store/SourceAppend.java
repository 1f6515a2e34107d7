package io.dsk.gateway.store;

/**
 * One append of a stream that carried a source range, as listed in stream order.
 *
 * @param partition the Kafka topic and partition the append's records came from
 * @param batch the append's source range and where its data lies in the stream
 */
public record SourceAppend(SourcePartition partition, SourceBatch batch) {
}
