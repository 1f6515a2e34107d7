package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.Target;
import io.dsk.bench.run.ServerCpu;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutResultsTest {

    private static final FanOutCell SSE = new FanOutCell(LiveMode.SSE, 2_048, 100, 100);
    private static final FanOutCell LONG_POLL = new FanOutCell(LiveMode.LONG_POLL, 2_048, 100, 100);

    /** A round with every delivery at {@code latencyMillis}, and {@code cpuSeconds} of server CPU. */
    private static FanOutResult round(double latencyMillis, long delivered, double cpuSeconds) {
        LatencyHistogram latency = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            latency.recordNanos((long) (latencyMillis * 1e6));
        }
        PacedWriter.Result writer = new PacedWriter.Result(1_000, 1_000, 0, 0, null, new long[] {1_000});
        return new FanOutResult(latency, delivered / 10.0, delivered, writer, 0, 0, null, 0.1, cpuSeconds / 10,
                delivered, new ServerCpu(cpuSeconds, Map.of("XNIO-1 I/O", (long) (cpuSeconds * 100))));
    }

    @Test
    void serverCpuPerDeliveryIsCpuTimeOverEveryMessageEachSubscriberReceived() {
        FanOutResult r = round(1, 20_480, 0.04096);
        assertThat(r.serverMicrosPerDelivery()).isCloseTo(2.0, within(1e-9));
        assertThat(r.serverCpu().byThreadGroup(r.receivedInWindow())).as("4 ticks, 40 ms, over 20,480")
                .isEqualTo("XNIO-1 I/O 2.0 µs");
        assertThat(round(1, 0, 1).serverMicrosPerDelivery()).isNaN();
    }

    @Test
    void eachGatewayIsComparedWithTheReferenceOfTheSameStorage() {
        FanOutResults results = new FanOutResults(Target.absoluteAtMost(5));
        results.add(SSE, "dsk", round(3, 20_000, 0.02));
        results.add(SSE, "dsk-memory", round(2, 20_000, 0.01));
        results.add(SSE, "reference", round(30, 20_000, 0.2));
        results.add(SSE, "reference-memory", round(10, 20_000, 0.1));

        List<Figure> p99 = results.figures().stream().filter(f -> f.name().equals("latency p99")).toList();
        assertThat(p99).extracting(f -> f.params().get("storage")).containsExactly("durable", "memory");
        assertThat(p99.get(0).ratio().getAsDouble()).isCloseTo(0.1, within(0.001));
        assertThat(p99.get(1).ratio().getAsDouble()).isCloseTo(0.2, within(0.001));
        assertThat(p99).allSatisfy(f -> assertThat(f.targetMet()).contains(true));
        assertThat(results.servers()).containsExactly("dsk", "dsk-memory", "reference", "reference-memory");
    }

    @Test
    void sseCpuPerDeliveryCarriesTheTwoMicrosecondTargetAndLongPollNone() {
        FanOutResults results = new FanOutResults(Target.ratioAtMost(0.2));
        results.add(SSE, "dsk", round(3, 20_000, 0.06));
        results.add(SSE, "reference", round(30, 20_000, 0.2));
        results.add(LONG_POLL, "dsk", round(3, 20_000, 0.02));

        List<Figure> cpu = results.figures().stream().filter(f -> f.name().equals("server CPU per delivery"))
                .toList();
        assertThat(cpu).hasSize(2);
        Figure sse = cpu.get(0);
        assertThat(sse.dskSpread().median()).isCloseTo(3.0, within(1e-9));
        assertThat(sse.ratio().getAsDouble()).isCloseTo(0.3, within(1e-9));
        assertThat(sse.target()).contains(FanOutResults.SSE_CPU_PER_DELIVERY_TARGET);
        assertThat(sse.targetMet()).contains(false);
        assertThat(sse.shortfall().getAsDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(cpu.get(1).params()).containsEntry("mode", "long-poll");
        assertThat(cpu.get(1).target()).isEmpty();
    }

    @Test
    void aStorageWithoutItsGatewayGivesNoFigures() {
        FanOutResults results = new FanOutResults(Target.ratioAtMost(0.2));
        results.add(SSE, "reference-memory", round(10, 20_000, 0.1));
        assertThat(results.figures()).isEmpty();
    }
}
