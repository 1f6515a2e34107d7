package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamSpreadTest {

    @Test
    void writersAtTheSameStepNeverShareAStreamWhenThereAreEnoughStreams() {
        StreamSpread spread = new StreamSpread(64, 1_000);
        for (long k = 0; k < 40; k++) {
            Set<Integer> streams = new HashSet<>();
            for (int w = 0; w < 64; w++) {
                streams.add(spread.streamOf(w, k));
            }
            assertThat(streams).hasSize(64);
        }
    }

    @Test
    void everyStreamIsWrittenInTurn() {
        StreamSpread spread = new StreamSpread(16, 100);
        Set<Integer> streams = new HashSet<>();
        for (int w = 0; w < 16; w++) {
            for (long k = 0; k < 7; k++) {
                streams.add(spread.streamOf(w, k));
            }
        }
        assertThat(streams).hasSize(100).allMatch(s -> s >= 0 && s < 100);
    }

    @Test
    void moreWritersThanStreamsShareThemAndStayInRange() {
        StreamSpread spread = new StreamSpread(256, 100);
        assertThat(spread.streamOf(0, 0)).isEqualTo(0);
        assertThat(spread.streamOf(130, 0)).isEqualTo(30);
        assertThat(spread.streamOf(255, 1_000_000_000L)).isBetween(0, 99);
    }

    @Test
    void needsAWriterAndAStream() {
        assertThatThrownBy(() -> new StreamSpread(0, 10)).hasMessageContaining("at least 1");
    }
}
