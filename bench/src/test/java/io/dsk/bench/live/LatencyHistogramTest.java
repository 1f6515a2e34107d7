package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfOneToThousandMillisecondsAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordNanos(ms * 1_000_000L);
        }
        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.percentileMillis(50)).isCloseTo(500, within(500 * 0.016));
        assertThat(h.percentileMillis(99)).isCloseTo(990, within(990 * 0.016));
        assertThat(h.percentileMillis(50)).isGreaterThanOrEqualTo(500);
        assertThat(h.maxMillis()).isEqualTo(1000);
        assertThat(h.percentileMillis(100)).isEqualTo(1000);
    }

    @Test
    void smallLatenciesAreExactAndNegativeOnesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(-3_000);
        h.recordNanos(17_000);
        assertThat(h.percentileMillis(50)).isEqualTo(0);
        assertThat(h.percentileMillis(100)).isEqualTo(0.017);
    }

    @Test
    void everyBucketsUpperBoundMapsBackToThatBucket() {
        for (int i = 0; i < 128 + 33 * 64; i++) {
            long upper = LatencyHistogram.upperBound(i);
            assertThat(LatencyHistogram.index(upper)).as("bucket %d", i).isEqualTo(i);
            assertThat(LatencyHistogram.index(upper + 1)).as("after bucket %d", i).isEqualTo(i + 1);
        }
    }

    @Test
    void mergedHistogramsCountBothAndKeepTheLargerMaximum() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.recordNanos(2_000_000);
        b.recordNanos(9_000_000);
        b.recordNanos(1_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.maxMillis()).isEqualTo(9);
        assertThat(a.quantilesMillis(3)).hasSize(3).isSorted();
    }

    @Test
    void anEmptyHistogramHasNoPercentile() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantilesMillis(10)).isEmpty();
        assertThatThrownBy(() -> h.percentileMillis(50)).isInstanceOf(IllegalStateException.class);
    }
}
