package io.dsk.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final double RELATIVE_ERROR = 1 / 128.0;

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = histogramOfMicros(1, 2, 3, 4, 255);

        assertThat(h.percentileMicros(20)).isEqualTo(1);
        assertThat(h.percentileMicros(60)).isEqualTo(3);
        assertThat(h.percentileMicros(100)).isEqualTo(255);
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
        assertThat(h.percentileMillis(100)).isEqualTo(1000);
        assertThat(h.maxMillis()).isEqualTo(1000);
    }

    @Test
    void everyPercentileOfRandomLatenciesIsAtMostOneIn128AboveTheExactNearestRank() {
        Random random = new Random(42);
        long[] micros = new long[20_000];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = (long) Math.exp(random.nextDouble() * Math.log(100_000_000));
        }
        LatencyHistogram h = histogramOfMicros(micros);
        long[] sorted = micros.clone();
        Arrays.sort(sorted);

        for (double p = 0.5; p <= 100; p += 0.5) {
            long exact = sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
            assertThat(h.percentileMicros(p)).as("p%.1f", p)
                    .isBetween(exact, exact + (long) Math.floor(exact * RELATIVE_ERROR));
        }
    }

    @Test
    void percentileIsCappedAtTheLargestValueRecorded() {
        LatencyHistogram h = histogramOfMicros(1_000_001);

        assertThat(h.percentileMicros(50)).isEqualTo(1_000_001);
    }

    @Test
    void everyBucketIsAtMostOne128thOfItsSmallestValueWide() {
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            long lowest = LatencyHistogram.upperBound(i - 1) + 1;
            long width = LatencyHistogram.upperBound(i) - lowest;
            assertThat((double) width).as("width of bucket %d", i).isLessThanOrEqualTo(lowest * RELATIVE_ERROR);
        }
    }

    @Test
    void everyBucketsUpperBoundMapsBackToThatBucketAndTheNextValueToTheNextBucket() {
        for (int i = 0; i < LatencyHistogram.BUCKETS - 1; i++) {
            long upper = LatencyHistogram.upperBound(i);
            assertThat(LatencyHistogram.bucketOf(upper)).as("bucket %d", i).isEqualTo(i);
            assertThat(LatencyHistogram.bucketOf(upper + 1)).as("after bucket %d", i).isEqualTo(i + 1);
        }
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.upperBound(LatencyHistogram.BUCKETS - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theLargestLatencyStillCounts() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(Long.MAX_VALUE);

        assertThat(h.percentileMicros(100)).isEqualTo(Long.MAX_VALUE / 1_000);
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(-3_000);
        h.recordNanos(-5);

        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentileMicros(100)).isZero();
    }

    @Test
    void mergedHistogramHoldsBothAndKeepsTheLargerMaximum() {
        LatencyHistogram a = histogramOfMicros(10, 20);
        LatencyHistogram b = histogramOfMicros(30, 40_000);

        a.add(b);

        assertThat(a.count()).isEqualTo(4);
        assertThat(a.maxMillis()).isEqualTo(40);
        assertThat(a.percentileMicros(75)).isEqualTo(30);
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
        assertThatThrownBy(() -> h.percentileMillis(50)).isInstanceOf(IllegalStateException.class);
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
