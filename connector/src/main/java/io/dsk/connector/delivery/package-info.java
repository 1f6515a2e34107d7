/**
 * Delivery: per (source partition, stream) lanes in Kafka order, batching, bounded requests in flight,
 * idempotent producer sessions, the source-watermark extension, retries, and the offsets that are safe
 * to commit.
 */
package io.dsk.connector.delivery;
