package io.dsk.gateway.store;

/**
 * Where one append carrying a source range landed in its stream.
 *
 * @param firstOffset first source offset of the append
 * @param lastOffset last source offset of the append
 * @param streamStart stream position where the append's data starts
 * @param streamEnd stream position just past the append's data
 */
public record SourceBatch(long firstOffset, long lastOffset, long streamStart, long streamEnd) {
}
