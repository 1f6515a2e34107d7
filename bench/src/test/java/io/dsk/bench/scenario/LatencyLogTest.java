package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyLogTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyLog log = new LatencyLog();
        for (int i = 1; i <= 100; i++) {
            log.add(i * 1_000_000L);
        }
        assertThat(log.percentileMillis(50)).isEqualTo(50.0);
        assertThat(log.percentileMillis(99)).isEqualTo(99.0);
        assertThat(log.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void growsPastItsInitialCapacityAndMerges() {
        LatencyLog a = new LatencyLog();
        for (int i = 0; i < 5_000; i++) {
            a.add(2_000_000L);
        }
        LatencyLog b = new LatencyLog();
        b.add(9_000_000L);
        b.addAll(a);
        assertThat(b.size()).isEqualTo(5_001);
        assertThat(b.millis()[0]).isEqualTo(9.0);
        assertThat(b.percentileMillis(100)).isEqualTo(9.0);
    }

    @Test
    void anEmptyLogHasNoPercentile() {
        assertThatThrownBy(() -> new LatencyLog().percentileMillis(50)).hasMessageContaining("no latencies");
    }
}
