/**
 * Building Durable Streams State Protocol change messages from Debezium envelopes and from plain
 * upsert records.
 */
package io.dsk.transforms.state;
