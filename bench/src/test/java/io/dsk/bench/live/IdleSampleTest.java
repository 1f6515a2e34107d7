package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdleSampleTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void perConnectionFiguresAreTheGrowthOverTheBaselineDividedByTheConnections() {
        ServerMemory before = new ServerMemory(100 * MIB, 90 * MIB, 20 * MIB, 40);
        ServerMemory with = new ServerMemory(300 * MIB, 250 * MIB, 70 * MIB, 41);
        IdleSample sample = new IdleSample(10_240, before, with, 3.0);
        assertThat(sample.rssKibPerConnection()).isEqualTo(20.0);
        assertThat(sample.rssAfterGcKibPerConnection()).isEqualTo(16.0);
        assertThat(sample.heapKibPerConnection()).isEqualTo(5.0);
    }

    @Test
    void aServerWithoutAReadableHeapHasNoHeapFigure() {
        ServerMemory before = new ServerMemory(100 * MIB, 100 * MIB, -1, 7);
        ServerMemory with = new ServerMemory(110 * MIB, 110 * MIB, -1, 7);
        assertThat(new IdleSample(1024, before, with, 1.0).heapKibPerConnection()).isNaN();
    }

    @Test
    void stepsAboveTheDescriptorLimitAreCappedToIt() {
        assertThat(IdleConnectionsScenario.capped(List.of(10_000, 50_000), 19_000)).containsExactly(10_000, 19_000);
        assertThat(IdleConnectionsScenario.capped(List.of(30_000, 50_000), 19_000)).containsExactly(19_000);
    }
}
