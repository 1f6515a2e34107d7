package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void delaysDoubleFromOneSecondUpToSixtySeconds() {
        assertThat(RetrySchedule.delayMillis(1, 0)).isEqualTo(1_000);
        assertThat(RetrySchedule.delayMillis(2, 0)).isEqualTo(2_000);
        assertThat(RetrySchedule.delayMillis(3, 0)).isEqualTo(4_000);
        assertThat(RetrySchedule.delayMillis(6, 0)).isEqualTo(32_000);
        assertThat(RetrySchedule.delayMillis(7, 0)).isEqualTo(60_000);
        assertThat(RetrySchedule.delayMillis(1_000, 0)).isEqualTo(60_000);
    }

    @Test
    void jitterSpreadsEachDelayByAtMostTwentyPercent() {
        assertThat(RetrySchedule.delayMillis(1, -1)).isEqualTo(800);
        assertThat(RetrySchedule.delayMillis(1, 1)).isEqualTo(1_200);
        assertThat(RetrySchedule.delayMillis(10, 1)).isEqualTo(72_000);
        assertThat(RetrySchedule.delayMillis(10, 5)).isEqualTo(72_000);
    }
}
