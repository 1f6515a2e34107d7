package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasurementWindowTest {

    @Test
    void onlyTimesBetweenOpeningAndClosingAreInside() {
        MeasurementWindow window = new MeasurementWindow();
        long before = System.nanoTime();
        assertThat(window.contains(before)).as("not opened yet").isFalse();
        window.open();
        long during = System.nanoTime();
        assertThat(window.contains(before - 1)).isFalse();
        assertThat(window.contains(during)).isTrue();
        window.close();
        assertThat(window.contains(during)).isTrue();
        assertThat(window.contains(System.nanoTime() + 1)).isFalse();
    }

    @Test
    void recorderCountsLatencyBySendTimeAndThroughputByReceiptTime() {
        MeasurementWindow window = new MeasurementWindow();
        DeliveryRecorder recorder = new DeliveryRecorder(window);
        long warmUp = System.nanoTime();
        window.open();
        long sent = System.nanoTime();
        recorder.delivered(warmUp, sent);
        recorder.delivered(sent, sent + 2_000_000);
        DeliveryStats stats = recorder.snapshot();
        assertThat(stats.latency().count()).as("the warm-up message has no latency sample").isEqualTo(1);
        assertThat(stats.receivedInWindow()).isEqualTo(2);
    }
}
