package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dsk.bench.measure.LatencyHistogram;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFiguresTest {

    private static ClosedLoopLoad.Result result(long completed, double seconds, long failures, String first,
            long allSucceeded, long... latencyMillis) {
        LatencyHistogram latencies = new LatencyHistogram();
        for (long ms : latencyMillis) {
            latencies.recordNanos(ms * 1_000_000);
        }
        return new ClosedLoopLoad.Result(completed, seconds, latencies, failures, first, 0, allSucceeded);
    }

    @Test
    void mergedLoadAddsAppendsAndFailuresKeepsTheLongestWindowAndEveryLatency() {
        ClosedLoopLoad.Result merged = ClusterFigures.merged(List.of(
                result(1_000, 10.0, 0, null, 1_200, 1, 1, 1),
                result(2_000, 10.2, 3, "status 503", 2_300, 2, 50),
                result(500, 9.9, 1, "status 500", 600, 3)));

        assertThat(merged.completed()).isEqualTo(3_500);
        assertThat(merged.seconds()).isEqualTo(10.2);
        assertThat(merged.perSecond()).isCloseTo(3_500 / 10.2, within(1e-9));
        assertThat(merged.failures()).isEqualTo(4);
        assertThat(merged.firstFailure()).isEqualTo("status 503");
        assertThat(merged.allSucceeded()).isEqualTo(4_100);
        assertThat(merged.latencies().count()).isEqualTo(6);
        assertThat(merged.latencies().maxMillis()).isCloseTo(50, within(0.1));
    }

    @Test
    void mergingNothingIsRefused() {
        assertThatThrownBy(() -> ClusterFigures.merged(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuPerAppendSumsEveryNodesCpuTime() {
        assertThat(ClusterFigures.cpuMicrosPerAppend(List.of(1.0, 0.5, 0.5), 40_000)).isCloseTo(50.0, within(1e-9));
        assertThat(ClusterFigures.cpuMicrosPerAppend(List.of(1.0), 0)).isNaN();
    }

    @Test
    void rebuildRateIsLogBytesOverTimeToReady() {
        assertThat(ClusterFigures.rebuildMegabytesPerSecond(30_000_000, 2_000_000_000L)).isCloseTo(15.0, within(1e-9));
        assertThat(ClusterFigures.rebuildMegabytesPerSecond(30_000_000, 0)).isNaN();
    }

    @Test
    void writersAreDealtRoundRobinOverTheNodes() {
        assertThat(List.of(ClusterFigures.writersOn(0, 3, 16), ClusterFigures.writersOn(1, 3, 16),
                ClusterFigures.writersOn(2, 3, 16))).containsExactly(6, 5, 5);
        assertThat(ClusterFigures.writersOn(0, 1, 16)).isEqualTo(16);
        assertThat(ClusterFigures.writersOn(2, 3, 2)).isZero();
        assertThatThrownBy(() -> ClusterFigures.writersOn(3, 3, 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
