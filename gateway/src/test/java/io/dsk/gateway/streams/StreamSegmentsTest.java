package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.store.StreamMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fork resolution: which stream id serves which positions of a fork chain. */
class StreamSegmentsTest {

    @Test
    void aRootStreamIsOneSegment() {
        StreamSegments s = StreamSegments.of(List.of(stream(1, -1, 0, 50)));

        assertThat(s.segments()).containsExactly(new StreamSegments.Segment(1, 0, 50));
    }

    @Test
    void aForkReadsBelowItsForkPositionFromItsSourceAndAboveFromItself() {
        StreamMetadata source = stream(1, -1, 0, 100);
        StreamMetadata fork = stream(2, 1, 40, 70);

        assertThat(StreamSegments.of(List.of(fork, source)).segments()).containsExactly(
                new StreamSegments.Segment(1, 0, 40),
                new StreamSegments.Segment(2, 40, 70));
    }

    @Test
    void aForkOfAForkStitchesThreeLevels() {
        StreamMetadata root = stream(1, -1, 0, 100);
        StreamMetadata middle = stream(2, 1, 30, 60);
        StreamMetadata leaf = stream(3, 2, 50, 90);

        assertThat(StreamSegments.of(List.of(leaf, middle, root)).segments()).containsExactly(
                new StreamSegments.Segment(1, 0, 30),
                new StreamSegments.Segment(2, 30, 50),
                new StreamSegments.Segment(3, 50, 90));
    }

    @Test
    void aForkIntoItsSourcesInheritedRangeSkipsTheSourceEntirely() {
        StreamMetadata root = stream(1, -1, 0, 100);
        StreamMetadata middle = stream(2, 1, 30, 60);
        StreamMetadata leaf = stream(3, 2, 10, 25);

        assertThat(StreamSegments.of(List.of(leaf, middle, root)).segments()).containsExactly(
                new StreamSegments.Segment(1, 0, 10),
                new StreamSegments.Segment(2, 10, 10),
                new StreamSegments.Segment(3, 10, 25));
    }

    private static StreamMetadata stream(long id, long sourceId, long forkPosition, long tail) {
        return new StreamMetadata(id, "s" + id, "text/plain", -1, null, -1, 0, tail, false, null, null, sourceId,
                sourceId < 0 ? null : "s" + sourceId, forkPosition, 0, false);
    }
}
