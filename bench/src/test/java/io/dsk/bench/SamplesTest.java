package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        Samples s = samples(5, 1, 3);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.spread().min()).isEqualTo(1);
        assertThat(s.spread().max()).isEqualTo(5);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwoAsInEveryScenarioReport() {
        assertThat(samples(4, 1, 3, 10).median()).isEqualTo(3.5);
    }

    @Test
    void emptySamplesHaveNoMedian() {
        assertThatThrownBy(() -> new Samples().median()).isInstanceOf(IllegalArgumentException.class);
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
