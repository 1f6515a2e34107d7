package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerCpuTest {

    @Test
    void cpuPerOperationIsCpuTimeOverOperationsInMicroseconds() {
        ServerCpu cpu = new ServerCpu(0.15, Map.of());
        assertThat(cpu.microsPer(10_000)).isCloseTo(15.0, within(1e-9));
        assertThat(cpu.microsPer(0)).isNaN();
    }

    @Test
    void threadGroupsAreGivenPerOperationAndTheSmallOnesLeftOut() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("XNIO-1 I/O", 10L);
        ticks.put("XNIO-1 task", 5L);
        ticks.put("GC Thread", 0L);
        assertThat(new ServerCpu(0.15, ticks).byThreadGroup(10_000))
                .isEqualTo("XNIO-1 I/O 10.0 µs, XNIO-1 task 5.0 µs");
        assertThat(ServerCpu.byThreadGroup(ticks, 0)).isEqualTo("nothing measured");
    }
}
