package io.dsk.gateway.store;

/**
 * What the stream remembers of one idempotent producer.
 *
 * @param epoch the producer's current epoch
 * @param lastSeq the highest sequence accepted in that epoch
 */
public record ProducerState(long epoch, long lastSeq) {
}
