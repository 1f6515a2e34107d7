package io.dsk.gateway.store;

/**
 * Bytes read from one stream segment.
 *
 * @param bytes the data, in stream order
 * @param from position of the first byte
 * @param end position just past the last byte
 * @param entries number of stored entries touched
 */
public record DataChunk(byte[] bytes, long from, long end, int entries) {
}
