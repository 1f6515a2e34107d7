/**
 * Delivery: per (source partition, stream) lanes in Kafka order, batching, bounded requests in flight,
 * idempotent producer sessions, the source-watermark extension, retries, and the offsets that are safe
 * to commit.
 *
 * <p>{@code DeliveryEngine} schedules: it owns the {@code Lane}s (each with its queue, producer session
 * and one {@code Batch} in flight) and decides what to do next. {@code OutcomeTable} interprets: a pure
 * table from a server answer to an {@code Outcome}. Threads: the task thread calls {@code accept},
 * {@code skip}, {@code reject}, {@code committableOffsets}, {@code drain} and {@code release}; answers
 * and ticks run on the {@code DeliveryLoop} (one {@code dsk-delivery-<connector>} thread); the
 * transport's own threads only complete futures. All engine state is guarded by the engine's monitor,
 * and time comes from Kafka's {@code Time}.
 */
package io.dsk.connector.delivery;
