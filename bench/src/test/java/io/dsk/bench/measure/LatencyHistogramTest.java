package io.dsk.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final double RELATIVE_ERROR = 1 / 1024.0;

    @Test
    void valuesBelowTwoMillisecondsAreExact() {
        LatencyHistogram h = histogramOfMicros(1, 2, 3, 4, 2047);

        assertThat(h.percentileMillis(20)).isEqualTo(0.001);
        assertThat(h.percentileMillis(60)).isEqualTo(0.003);
        assertThat(h.percentileMillis(100)).isEqualTo(2.047);
        assertThat(h.maxMillis()).isEqualTo(2.047);
    }

    @Test
    void nanosecondsAreTruncatedToWholeMicroseconds() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(17_999);

        assertThat(h.percentileMillis(100)).isEqualTo(0.017);
        assertThat(h.maxMillis()).isEqualTo(0.017);
    }

    @Test
    void percentilesOfOneToThousandMillisecondsAreWithinTheBucketPrecisionAndNeverBelow() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordNanos(ms * 1_000_000L);
        }

        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.percentileMillis(50)).isBetween(500.0, 500 * (1 + RELATIVE_ERROR));
        assertThat(h.percentileMillis(99)).isBetween(990.0, 990 * (1 + RELATIVE_ERROR));
        assertThat(h.percentileMillis(100)).isBetween(1000.0, 1000 * (1 + RELATIVE_ERROR));
        assertThat(h.maxMillis()).isEqualTo(h.percentileMillis(100));
    }

    @Test
    void everyPercentileOfRandomLatenciesIsAtMostOneIn1024AboveTheExactNearestRank() {
        Random random = new Random(42);
        long[] micros = new long[20_000];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = (long) Math.exp(random.nextDouble() * Math.log(100_000_000));
        }
        LatencyHistogram h = histogramOfMicros(micros);
        long[] sorted = micros.clone();
        Arrays.sort(sorted);

        for (double p = 0.5; p <= 100; p += 0.5) {
            long exact = sorted[(int) Math.ceil(p * sorted.length / 100) - 1];
            assertThat(Math.round(h.percentileMillis(p) * 1_000)).as("p%.1f", p)
                    .isBetween(exact, exact + (long) Math.floor(exact * RELATIVE_ERROR));
        }
    }

    @Test
    void theLargestLatencyStillCounts() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(Long.MAX_VALUE);

        assertThat(h.count()).isEqualTo(1);
        assertThat(h.percentileMillis(100)).isGreaterThanOrEqualTo(Long.MAX_VALUE / 1_000 / 1_000.0);
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(-3_000);
        h.recordNanos(-5);

        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentileMillis(100)).isZero();
    }

    @Test
    void mergedHistogramHoldsBothAndKeepsTheLargerMaximum() {
        LatencyHistogram a = histogramOfMicros(10, 20);
        LatencyHistogram b = histogramOfMicros(30, 2_000);

        a.add(b);

        assertThat(a.count()).isEqualTo(4);
        assertThat(a.maxMillis()).isEqualTo(2);
        assertThat(a.percentileMillis(75)).isEqualTo(0.03);
        assertThat(b.count()).isEqualTo(2);
    }

    @Test
    void quantilesForACdfAreInMillisecondsAscendingAndEndAtTheMaximum() {
        LatencyHistogram h = histogramOfMicros(250, 100, 200, 50);

        assertThat(h.quantilesMillis(4)).containsExactly(0.05, 0.1, 0.2, 0.25);
        assertThat(h.quantilesMillis(3)).containsExactly(0.1, 0.2, 0.25);
    }

    @Test
    void emptyHistogramHasNoPercentileNorQuantiles() {
        LatencyHistogram h = new LatencyHistogram();

        assertThat(h.quantilesMillis(10)).isEmpty();
        assertThat(h.maxMillis()).isZero();
        assertThatThrownBy(() -> h.percentileMillis(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no latencies");
    }

    @Test
    void percentileOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> histogramOfMicros(1).percentileMillis(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> histogramOfMicros(1).percentileMillis(101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LatencyHistogram histogramOfMicros(long... micros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : micros) {
            h.recordNanos(v * 1_000);
        }
        return h;
    }
}
