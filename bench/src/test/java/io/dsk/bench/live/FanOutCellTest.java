package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class FanOutCellTest {

    @Test
    void subscribersAreSpreadEvenlyOverTheStreams() {
        FanOutCell cell = new FanOutCell(LiveMode.LONG_POLL, 10_000, 100, 10);
        assertThat(cell.subscribersPerStream()).isEqualTo(100);
        assertThat(cell.label()).isEqualTo("long-poll-10000-on-100");
        assertThat(cell.params()).containsExactly(
                entry("mode", "long-poll"),
                entry("subscribers", 10_000),
                entry("streams", 100),
                entry("appends/s", 10.0));
    }

    @Test
    void subscribersThatDoNotDivideOverTheStreamsAreRejectedNamingTheOptions() {
        assertThatThrownBy(() -> new FanOutCell(LiveMode.SSE, 1_000, 300, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fanout.subscribers").hasMessageContaining("fanout.streams");
        assertThatThrownBy(() -> new FanOutCell(LiveMode.SSE, 1_000, 1, 0)).hasMessageContaining("fanout.rate");
    }

    @Test
    void liveModesAreNamedByTheirQueryValue() {
        assertThat(LiveMode.of(" long-poll")).isEqualTo(LiveMode.LONG_POLL);
        assertThatThrownBy(() -> LiveMode.of("websocket")).hasMessageContaining("sse or long-poll");
    }
}
