package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    private static final long MS = 1_000_000;

    @Test
    void latencyIsParseTimeMinusScheduledSendTimeInMicroseconds() {
        DeliveryLog log = new DeliveryLog();
        log.measureFrom(0);

        log.delivered(0, 10 * MS, 13 * MS);
        log.delivered(1, 11 * MS, 31 * MS);

        assertThat(log.latencies().count()).isEqualTo(2);
        assertThat(log.latencies().percentileMillis(50)).isBetween(3.0, 3.03);
        assertThat(log.latencies().maxMillis()).isBetween(20.0, 20.02);
        assertThat(log.received()).isEqualTo(2);
    }

    @Test
    void recordsScheduledBeforeTheWindowAreCountedButNotMeasured() {
        DeliveryLog log = new DeliveryLog();
        log.delivered(0, 1 * MS, 500 * MS);
        log.measureFrom(5 * MS);
        log.delivered(1, 4 * MS, 501 * MS);
        log.delivered(2, 5 * MS, 6 * MS);

        assertThat(log.received()).isEqualTo(3);
        assertThat(log.latencies().count()).isEqualTo(1);
        assertThat(log.latencies().maxMillis()).isEqualTo(1);
    }

    @Test
    void nothingIsMeasuredBeforeAWindowIsSet() {
        DeliveryLog log = new DeliveryLog();

        log.delivered(0, Long.MAX_VALUE - 1, Long.MAX_VALUE);

        assertThat(log.latencies().count()).isZero();
    }

    @Test
    void redeliveredRecordIsADuplicateAndNotMeasuredTwice() {
        DeliveryLog log = new DeliveryLog();
        log.measureFrom(0);
        log.delivered(0, MS, 2 * MS);
        log.delivered(1, MS, 2 * MS);
        log.delivered(1, MS, 9 * MS);
        log.delivered(0, MS, 9 * MS);

        assertThat(log.duplicates()).isEqualTo(2);
        assertThat(log.received()).isEqualTo(2);
        assertThat(log.latencies().count()).isEqualTo(2);
    }

    @Test
    void skippedRecordsAreCountedAsGaps() {
        DeliveryLog log = new DeliveryLog();
        log.delivered(0, 0, 0);
        log.delivered(3, 0, 0);
        log.delivered(4, 0, 0);

        assertThat(log.gaps()).isEqualTo(2);
        assertThat(log.received()).isEqualTo(3);
        assertThat(log.duplicates()).isZero();
    }
}
