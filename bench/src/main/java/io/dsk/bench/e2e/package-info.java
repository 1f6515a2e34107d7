/**
 * Scenario 5, end to end: records produced to Kafka at a fixed rate flow through the DSK sink
 * connector (in a real Connect worker) into a Durable Streams server and out to SSE subscribers;
 * the scenario measures the delay from each record's scheduled send time to the moment a subscriber
 * has parsed it, and the connector's records/s per task in a saturating run.
 *
 * <p>The producer and the subscribers run in the same process and share {@link System#nanoTime()},
 * so a latency is a difference of two readings of one clock.
 */
package io.dsk.bench.e2e;
