/**
 * Kafka Connect transforms and predicates that route records to Durable Streams, keep each
 * audience's records on its own streams, shape records into State Protocol change messages and
 * mark the records that end a stream. {@link io.dsk.transforms.StreamHeaders} defines the headers
 * through which they talk to the sink connector.
 */
package io.dsk.transforms;
