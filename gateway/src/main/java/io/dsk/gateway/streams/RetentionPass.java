package io.dsk.gateway.streams;

import java.util.List;

/**
 * What one retention pass ({@link Streams#enforceRetention}) did.
 *
 * @param truncations the streams whose head it dropped, in id order
 * @param retainedBytes the bytes that streams with a retention policy hold after the pass
 */
public record RetentionPass(List<Truncation> truncations, long retainedBytes) {

    public RetentionPass {
        truncations = List.copyOf(truncations);
    }

    /**
     * One stream's head dropped.
     *
     * @param id the stream's internal id
     * @param from its earliest retained position before
     * @param to its earliest retained position now; its data below is gone
     * @param droppedBytes bytes of the stream's own data dropped
     */
    public record Truncation(long id, long from, long to, long droppedBytes) {
    }

    /** The bytes the pass dropped, over all streams. */
    public long droppedBytes() {
        return truncations.stream().mapToLong(Truncation::droppedBytes).sum();
    }
}
