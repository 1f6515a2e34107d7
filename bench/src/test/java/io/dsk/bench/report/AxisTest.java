package io.dsk.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void valuesSpanningDecadesGetALogAxisOnPowersOfTen() {
        Axis axis = Axis.covering(new double[] {3, 250, 40_000}, 50);
        assertThat(axis.isLog()).isTrue();
        assertThat(axis.ticks()).containsExactly(1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0);
        assertThat(axis.fraction(1)).isEqualTo(0.0);
        assertThat(axis.fraction(100_000)).isEqualTo(1.0);
        assertThat(axis.fraction(1_000)).isCloseTo(0.6, offset(1e-9));
    }

    @Test
    void narrowRangesGetALinearAxisFromZero() {
        Axis axis = Axis.covering(new double[] {10, 40}, 50);
        assertThat(axis.isLog()).isFalse();
        assertThat(axis.fraction(0)).isEqualTo(0.0);
        assertThat(axis.ticks()).startsWith(0.0, 10.0);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Axis.niceStep(0.13)).isEqualTo(0.2);
        assertThat(Axis.niceStep(3)).isEqualTo(5);
        assertThat(Axis.niceStep(700)).isEqualTo(1_000);
    }

    @Test
    void tickLabelsCarryNoNeedlessDigits() {
        assertThat(Axis.label(0.2)).isEqualTo("0.2");
        assertThat(Axis.label(0.6000000000000001)).isEqualTo("0.6");
        assertThat(Axis.label(5)).isEqualTo("5");
        assertThat(Axis.label(0.01)).isEqualTo("0.01");
        assertThat(Axis.label(25_000)).isEqualTo("25,000");
    }

    @Test
    void valuesOutsideTheAxisAreClamped() {
        Axis axis = Axis.linear(0, 1);
        assertThat(axis.fraction(2)).isEqualTo(1.0);
        assertThat(axis.fraction(-1)).isEqualTo(0.0);
    }
}
