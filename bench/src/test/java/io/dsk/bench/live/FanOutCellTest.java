package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutCellTest {

    @Test
    void subscribersAreSpreadEvenlyOverTheStreams() {
        FanOutCell cell = new FanOutCell(LiveMode.LONG_POLL, 10_000, 100, 10);
        assertThat(cell.subscribersOf(0)).isEqualTo(100);
        assertThat(cell.subscribersOf(99)).isEqualTo(100);
        assertThat(cell.label()).isEqualTo("long-poll-10000-on-100");
        assertThat(cell.params()).containsExactly(
                entry("mode", "long-poll"),
                entry("subscribers", 10_000),
                entry("streams", 100),
                entry("appends/s", 10.0));
    }

    @Test
    void subscribersThatDoNotDivideOverTheStreamsGoOneMoreToTheFirstStreams() {
        FanOutCell cell = new FanOutCell(LiveMode.SSE, 2_048, 100, 100);
        assertThat(cell.subscribersOf(0)).isEqualTo(21);
        assertThat(cell.subscribersOf(47)).isEqualTo(21);
        assertThat(cell.subscribersOf(48)).isEqualTo(20);
        assertThat(IntStream.range(0, 100).map(cell::subscribersOf).sum()).isEqualTo(2_048);
    }

    @Test
    void expectedDeliveriesAreEachDeliverableAppendTimesItsStreamsSubscribers() {
        FanOutCell cell = new FanOutCell(LiveMode.SSE, 5, 3, 10);
        assertThat(cell.expectedDeliveries(new long[] {10, 10, 9}))
                .as("2, 2 and 1 subscribers").isEqualTo(10 * 2 + 10 * 2 + 9);
    }

    @Test
    void fewerSubscribersThanStreamsOrABadRateAreRejected() {
        assertThatThrownBy(() -> new FanOutCell(LiveMode.SSE, 99, 100, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscribers (99)");
        assertThatThrownBy(() -> new FanOutCell(LiveMode.SSE, 1_000, 1, 0)).hasMessageContaining("rate");
    }

    @Test
    void liveModesAreNamedByTheirQueryValue() {
        assertThat(LiveMode.of(" long-poll")).isEqualTo(LiveMode.LONG_POLL);
        assertThatThrownBy(() -> LiveMode.of("websocket")).hasMessageContaining("sse or long-poll");
    }
}
