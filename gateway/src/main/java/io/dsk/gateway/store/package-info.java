/**
 * Durable storage of streams: a small key-value SPI ({@link io.dsk.gateway.store.KeyValueStore})
 * with an embedded RocksDB engine and an in-memory engine, and the typed key layout of stream
 * data, metadata, producer state and source watermarks on top of it ({@link io.dsk.gateway.store.StreamStore}).
 */
package io.dsk.gateway.store;
