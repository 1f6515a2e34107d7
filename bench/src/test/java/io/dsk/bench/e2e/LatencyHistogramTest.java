package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = histogramOf(1, 2, 3, 4, 255);

        assertThat(h.percentileMicros(20)).isEqualTo(1);
        assertThat(h.percentileMicros(60)).isEqualTo(3);
        assertThat(h.percentileMicros(100)).isEqualTo(255);
    }

    @Test
    void percentilesOfLargeValuesAreWithinOnePercentAndNeverBelowTheTrueValue() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 10);
        }

        assertThat(h.percentileMicros(50)).isBetween(500_000L, 505_000L);
        assertThat(h.percentileMicros(99)).isBetween(990_000L, 999_900L);
        assertThat(h.percentileMicros(100)).isEqualTo(1_000_000);
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.maxMicros()).isEqualTo(1_000_000);
        assertThat(h.meanMicros()).isCloseTo(500_005, within(0.01));
    }

    @Test
    void percentileIsCappedAtTheLargestValueRecorded() {
        LatencyHistogram h = histogramOf(1_000_001);

        assertThat(h.percentileMicros(50)).isEqualTo(1_000_001);
    }

    @Test
    void everyValueFallsIntoABucketWhoseUpperBoundCoversItClosely() {
        for (long v : new long[] {0, 255, 256, 257, 511, 512, 1_000, 123_456_789, Long.MAX_VALUE / 3}) {
            long upper = LatencyHistogram.upperBound(LatencyHistogram.bucketOf(v));
            assertThat(upper).as("upper bound of %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) upper - v).as("bucket width at %d", v).isLessThanOrEqualTo(v / 128.0);
        }
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram h = histogramOf(-5);

        assertThat(h.percentileMicros(100)).isZero();
    }

    @Test
    void mergedHistogramHoldsBoth() {
        LatencyHistogram a = histogramOf(10, 20);
        LatencyHistogram b = histogramOf(30, 40_000);

        a.add(b);

        assertThat(a.count()).isEqualTo(4);
        assertThat(a.maxMicros()).isEqualTo(40_000);
        assertThat(a.percentileMicros(75)).isEqualTo(30);
    }

    @Test
    void quantilesForACdfAreInMillisecondsAndAscending() {
        LatencyHistogram h = histogramOf(250, 100, 200, 50);

        assertThat(h.quantilesMillis(4)).containsExactly(0.05, 0.1, 0.2, 0.25);
        assertThat(new LatencyHistogram().quantilesMillis(10)).isEmpty();
    }

    @Test
    void emptyHistogramHasNoPercentile() {
        assertThatThrownBy(() -> new LatencyHistogram().percentileMicros(50))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void percentileOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> histogramOf(1).percentileMicros(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> histogramOf(1).percentileMicros(101)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LatencyHistogram histogramOf(long... micros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : micros) {
            h.record(v);
        }
        return h;
    }
}
