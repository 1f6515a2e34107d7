package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dsk.bench.run.ServerCpu;
import io.dsk.bench.run.ServerKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsCellTest {

    @Test
    void serverCpuPerAppendIsCpuTimeOverAcknowledgedAppends() {
        StreamsCell cell = new StreamsCell(40_000, 4.2, 100_000, 1.0, 10, 2);
        assertThat(cell.serverMicrosPerAppend()).isCloseTo(42.0, within(1e-9));
        assertThat(cell.generatorMicrosPerAppend()).isCloseTo(10.0, within(1e-9));
        assertThat(cell.serverCores()).isCloseTo(0.42, within(1e-9));
        assertThat(cell.generatorShare()).as("1 s of CPU over 10 s on 2 cores").isCloseTo(0.05, within(1e-9));
    }

    @Test
    void nothingAcknowledgedHasNoCostPerAppend() {
        assertThat(new StreamsCell(0, 1.0, 0, 0.1, 10, 2).serverMicrosPerAppend()).isNaN();
    }

    @Test
    void kernelShareIsSystemTicksOverAllTicksOfTheWindow() {
        assertThat(StreamsCell.kernelShare(new long[] {100, 50}, new long[] {160, 90})).isCloseTo(0.4, within(1e-9));
        assertThat(StreamsCell.kernelShare(new long[] {1, 1}, new long[] {1, 1})).isNaN();
    }

    @Test
    void threadGroupsAreGivenPerAppendAndTheSmallOnesLeftOut() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("XNIO-1 I/O", 300L);
        ticks.put("C2 CompilerThre", 100L);
        ticks.put("Signal Dispatch", 1L);
        assertThat(ServerCpu.byThreadGroup(ticks, 100_000))
                .isEqualTo("XNIO-1 I/O 30.0 µs, C2 CompilerThre 10.0 µs");
    }

    @Test
    void scalingIsThroughputAtTheMostStreamsOverTheFewest() {
        assertThat(StreamsCell.scaling(20_000, 25_000)).isCloseTo(1.25, within(1e-9));
        assertThat(StreamsCell.scaling(20_000, 10_000)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void eachServerIsComparedWithTheReferenceOfTheSameStorage() {
        assertThat(StreamsScenario.params(1_000, ServerKind.DSK_MEMORY)).containsEntry("storage", "memory")
                .containsEntry("streams", 1_000);
        assertThat(ServerKind.DSK_MEMORY.role()).isEqualTo("dsk");
        assertThat(ServerKind.REFERENCE_MEMORY.role()).isEqualTo("reference");
        assertThat(StreamsScenario.params(100, ServerKind.REFERENCE)).containsEntry("storage", "durable");
    }
}
