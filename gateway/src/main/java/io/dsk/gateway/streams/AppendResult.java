package io.dsk.gateway.streams;

import io.dsk.gateway.store.ProducerState;

/**
 * The outcome of an accepted or deduplicated append.
 *
 * @param appended true if data was written (producer appends answer 200), false for a duplicate or a
 *                 close-only request (204)
 * @param tail the stream's tail offset position afterwards
 * @param closed whether the stream is closed afterwards
 * @param producer the producer's state to echo, or null
 * @param watermark the source watermark to echo, or null
 */
public record AppendResult(boolean appended, long tail, boolean closed, ProducerState producer, Long watermark) {
}
