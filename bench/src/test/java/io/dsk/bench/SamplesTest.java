package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        Samples s = samples(5, 1, 3);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
    }

    @Test
    void percentileUsesNearestRank() {
        Samples s = new Samples();
        for (int i = 1; i <= 100; i++) {
            s.add(i);
        }
        assertThat(s.percentile(99)).isEqualTo(99);
        assertThat(s.percentile(100)).isEqualTo(100);
        assertThat(s.percentile(1)).isEqualTo(1);
    }

    @Test
    void emptySamplesHaveNoPercentile() {
        assertThatThrownBy(() -> new Samples().median()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void describeShowsMedianAndRange() {
        assertThat(samples(2, 4, 9).describe("%.1f")).isEqualTo("4.0 [2.0..9.0]");
    }

    private static Samples samples(double... values) {
        Samples s = new Samples();
        for (double v : values) {
            s.add(v);
        }
        return s;
    }
}
