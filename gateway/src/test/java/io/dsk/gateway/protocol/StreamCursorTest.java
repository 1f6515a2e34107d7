package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamCursorTest {

    private static final long NOW = Instant.parse("2024-10-09T01:00:00Z").toEpochMilli();

    @Test
    void theCursorIsTheIntervalNumberSinceTheProtocolEpoch() {
        StreamCursor cursor = new StreamCursor(20, () -> NOW, () -> 1);

        assertThat(cursor.next(null)).isEqualTo("180");
    }

    @Test
    void aClientCursorBehindTheCurrentIntervalGetsTheCurrentInterval() {
        StreamCursor cursor = new StreamCursor(20, () -> NOW, () -> 1000);

        assertThat(cursor.next("5")).isEqualTo("180");
    }

    @Test
    void aClientCursorAtOrAheadOfTheCurrentIntervalJumpsAheadByTheJitterInIntervals() {
        StreamCursor cursor = new StreamCursor(20, () -> NOW, () -> 50);

        assertThat(cursor.next("180")).isEqualTo("183");
        assertThat(cursor.next("500")).isEqualTo("503");
    }

    @Test
    void theSmallestJitterStillAdvancesByOneInterval() {
        StreamCursor cursor = new StreamCursor(20, () -> NOW, () -> 1);

        assertThat(cursor.next("180")).isEqualTo("181");
    }

    @Test
    void realJitterAlwaysProducesAStrictlyGreaterCursor() {
        StreamCursor cursor = new StreamCursor(20);
        long current = cursor.currentInterval();

        for (int i = 0; i < 200; i++) {
            long next = Long.parseLong(cursor.next(Long.toString(current)));
            assertThat(next).isGreaterThan(current).isLessThanOrEqualTo(current + 180);
        }
    }

    @Test
    void aCursorThatIsNotANumberIsIgnored() {
        StreamCursor cursor = new StreamCursor(20, () -> NOW, () -> 1);

        assertThat(cursor.next("abc")).isEqualTo("180");
    }
}
