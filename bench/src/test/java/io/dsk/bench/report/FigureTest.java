package io.dsk.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureTest {

    private static Figure throughput(List<Double> dsk, List<Double> reference) {
        return Figure.of("appends/s", "1/s", Map.of("writers", 16), dsk, reference, Direction.HIGHER);
    }

    @Test
    void ratioIsTheQuotientOfTheMedians() {
        Figure f = throughput(List.of(100.0, 300.0, 200.0), List.of(10.0, 5.0, 20.0));
        assertThat(f.dskSpread().median()).isEqualTo(200.0);
        assertThat(f.referenceSpread()).get().extracting(Spread::median).isEqualTo(10.0);
        assertThat(f.ratio()).hasValue(20.0);
    }

    @Test
    void ratioIsAbsentWithoutReferenceOrWithAZeroReferenceMedian() {
        assertThat(throughput(List.of(1.0), List.of()).ratio()).isEmpty();
        assertThat(throughput(List.of(1.0), List.of(0.0)).ratio()).isEmpty();
    }

    @Test
    void ratioAtLeastIsMetOnlyFromTheBoundUp() {
        Target twenty = Target.ratioAtLeast(20);
        assertThat(throughput(List.of(200.0), List.of(10.0)).withTarget(twenty).targetMet()).contains(true);
        assertThat(throughput(List.of(199.0), List.of(10.0)).withTarget(twenty).targetMet()).contains(false);
    }

    @Test
    void ratioAtMostSuitsLatency() {
        Target fifth = Target.ratioAtMost(0.2);
        Figure fast = Figure.of("p99", "ms", Map.of(), List.of(2.0), List.of(10.0), Direction.LOWER).withTarget(fifth);
        Figure slow = Figure.of("p99", "ms", Map.of(), List.of(3.0), List.of(10.0), Direction.LOWER).withTarget(fifth);
        assertThat(fast.targetMet()).contains(true);
        assertThat(slow.targetMet()).contains(false);
        assertThat(slow.shortfall().getAsDouble()).isCloseTo(1.5, offset(1e-9));
    }

    @Test
    void absoluteAtMostLooksAtTheGatewayMedianOnly() {
        Figure f = Figure.of("RSS per connection", "KB", Map.of(), List.of(18.0, 25.0, 19.0), List.of(),
                Direction.LOWER).withTarget(Target.absoluteAtMost(20));
        assertThat(f.targetMet()).contains(true);
    }

    @Test
    void absoluteAtLeastIsMetFromTheBoundUpAndSaysHowFarBelowItIs() {
        Target twoGigabytes = Target.absoluteAtLeast(2);
        Figure met = Figure.of("catch-up read", "GB/s", Map.of(), List.of(2.0, 1.0, 3.0), List.of(0.05),
                Direction.HIGHER).withTarget(twoGigabytes);
        Figure missed = Figure.of("catch-up read", "GB/s", Map.of(), List.of(0.5), List.of(0.05),
                Direction.HIGHER).withTarget(twoGigabytes);
        assertThat(met.targetMet()).contains(true);
        assertThat(missed.targetMet()).contains(false);
        assertThat(missed.shortfall()).hasValue(4.0);
        assertThat(twoGigabytes.describe("GB/s")).isEqualTo("≥ 2.00 GB/s");
    }

    @Test
    void absoluteAtMostShortfallIsHowManyTimesTooHigh() {
        Figure f = Figure.of("server CPU per GET", "µs", Map.of(), List.of(45.0), List.of(90.0), Direction.LOWER)
                .withTarget(Target.absoluteAtMost(15));
        assertThat(f.targetMet()).contains(false);
        assertThat(f.shortfall()).hasValue(3.0);
    }

    @Test
    void ratioTargetWithoutReferenceIsNotMet() {
        assertThat(throughput(List.of(1e6), List.of()).withTarget(Target.ratioAtLeast(20)).targetMet()).contains(false);
    }

    @Test
    void noTargetMeansNoVerdict() {
        Figure f = throughput(List.of(1.0), List.of(1.0));
        assertThat(f.targetMet()).isEmpty();
        assertThat(f.shortfall()).isEmpty();
    }

    @Test
    void shortfallSaysHowManyTimesFasterTheGatewayMustGet() {
        Figure f = throughput(List.of(50.0), List.of(10.0)).withTarget(Target.ratioAtLeast(20));
        assertThat(f.shortfall()).hasValue(4.0);
    }

    @Test
    void paramsKeepTheirOrderAndTheSamplesAreCopied() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("writers", 64);
        params.put("streams", 1);
        List<Double> samples = new java.util.ArrayList<>(List.of(1.0));
        Figure f = Figure.of("appends/s", "1/s", params, samples, List.of(), Direction.HIGHER);
        samples.add(1000.0);
        assertThat(f.describeParams()).isEqualTo("writers=64, streams=1");
        assertThat(f.dsk()).containsExactly(1.0);
    }

    @Test
    void aFigureNeedsANameAndGatewaySamples() {
        assertThatThrownBy(() -> throughput(List.of(), List.of())).hasMessageContaining("at least one dsk sample");
        assertThatThrownBy(() -> Figure.of(" ", "", Map.of(), List.of(1.0), List.of(), Direction.LOWER))
                .hasMessageContaining("name");
    }

    @Test
    void targetsDescribeThemselves() {
        assertThat(Target.ratioAtLeast(20).describe("1/s")).isEqualTo("≥ 20.0×");
        assertThat(Target.ratioAtMost(0.2).describe("ms")).isEqualTo("≤ 0.200×");
        assertThat(Target.absoluteAtMost(100).describe("ms")).isEqualTo("≤ 100 ms");
        assertThatThrownBy(() -> Target.ratioAtLeast(-1)).hasMessageContaining(">= 0");
    }
}
