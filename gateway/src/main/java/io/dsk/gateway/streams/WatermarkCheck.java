package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.SourceRange;

/**
 * The source-watermark rule of the DSK extension: an append whose Kafka records are all at or below
 * the stream's watermark for that partition is a duplicate; one that straddles it is refused so the
 * client can trim; anything above it is appended and raises the watermark.
 */
public final class WatermarkCheck {

    /** What the append amounts to. */
    public enum Verdict { APPEND, DUPLICATE, STRADDLES }

    private WatermarkCheck() {
    }

    /**
     * @param watermark the highest source offset written for the range's partition, or null
     * @param range the append's source range
     */
    public static Verdict decide(Long watermark, SourceRange range) {
        if (watermark == null || range.firstOffset() > watermark) {
            return Verdict.APPEND;
        }
        return range.lastOffset() <= watermark ? Verdict.DUPLICATE : Verdict.STRADDLES;
    }
}
