package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void statLineBusyTimeLeavesOutIdleAndIowait() {
        long[] ticks = CpuMeter.parseStatLine("cpu  100 5 50 800 40 3 2 0 0 0");
        assertThat(ticks).containsExactly(1000, 160);
    }

    @Test
    void processStatGivesUserAndSystemTicksWhateverTheCommandName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(CpuMeter.parseProcessStat(stat)).containsExactly(1234, 567);
    }

    @Test
    void aWindowMeasuresThisProcessAsTheLoadGenerator() {
        CpuMeter meter = new CpuMeter();
        CpuMeter.Window window = meter.start();
        long deadline = System.nanoTime() + 50_000_000L;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            sink += Math.sqrt(sink + 1);
        }
        CpuMeter.Usage usage = window.stop();
        assertThat(sink).isPositive();
        assertThat(usage.generatorShare()).isPositive();
        assertThat(usage.wallSeconds()).isGreaterThanOrEqualTo(0.05);
        assertThat(usage.serverCores()).isEmpty();
    }

    @Test
    void loadAverageHasThreeFields() {
        assertThat(CpuMeter.loadAverage().split(" ")).hasSize(3);
    }
}
