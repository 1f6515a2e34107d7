package io.dsk.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void oddCountTakesTheMiddleSample() {
        Spread s = Spread.of(List.of(5.0, 1.0, 3.0));
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void evenCountAveragesTheTwoMiddleSamples() {
        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 10.0)).median()).isEqualTo(3.0);
    }

    @Test
    void singleSampleIsItsOwnMedianAndRange() {
        Spread s = Spread.of(List.of(7.5));
        assertThat(s).isEqualTo(new Spread(7.5, 7.5, 7.5, 1));
        assertThat(s.describe()).isEqualTo("7.50");
    }

    @Test
    void noSamplesOrNonFiniteSamplesAreRejected() {
        assertThatThrownBy(() -> Spread.of(List.of())).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> Spread.of(List.of(1.0, Double.NaN))).hasMessageContaining("finite");
    }

    @Test
    void describeGivesMedianAndRange() {
        assertThat(Spread.of(List.of(12_000.0, 9_500.0, 15_250.0)).describe()).isEqualTo("12,000 [9,500..15,250]");
    }

    @Test
    void formatKeepsAboutThreeSignificantDigits() {
        assertThat(Spread.format(123_456.7)).isEqualTo("123,457");
        assertThat(Spread.format(42.345)).isEqualTo("42.3");
        assertThat(Spread.format(4.2345)).isEqualTo("4.23");
        assertThat(Spread.format(0.012345)).isEqualTo("0.0123");
        assertThat(Spread.format(0)).isEqualTo("0");
    }
}
