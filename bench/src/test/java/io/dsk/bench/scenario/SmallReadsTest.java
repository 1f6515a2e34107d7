package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmallReadsTest {

    @Test
    void serverCpuPerGetCountsEveryAnsweredGetIncludingTheDrainedOnes() {
        SmallReads reads = new SmallReads(80_000, 10, 80_016, 1.20024, 1_000);
        assertThat(reads.serverMicrosPerGet()).isCloseTo(15.0, within(1e-9));
        assertThat(reads.getsPerSecond()).isCloseTo(8_000, within(1e-9));
        assertThat(reads.secondsPerPass()).as("1,000 streams at 8,000 GETs/s").isCloseTo(0.125, within(1e-9));
    }

    @Test
    void noAnsweredGetHasNoCost() {
        assertThat(new SmallReads(0, 10, 0, 1, 1_000).serverMicrosPerGet()).isNaN();
    }
}
