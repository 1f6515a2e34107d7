/**
 * The Durable Streams sink connector for Kafka Connect: appends Kafka records to streams of a Durable
 * Streams server, exactly once with the DSK gateway.
 */
package io.dsk.connector;
