package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void threadsAreAttributedByTheNamesConnectAndTheConnectorGiveThem() {
        assertThat(CpuMeter.role("task-thread-cb-dsk-r0-0")).isEqualTo("connector task thread");
        assertThat(CpuMeter.role("dsk-delivery-cb-dsk-r0")).isEqualTo("connector delivery thread");
        assertThat(CpuMeter.role("dsk-http")).isEqualTo("connector HTTP client");
        assertThat(CpuMeter.role("HttpClient-3-SelectorManager")).isEqualTo("connector HTTP client");
        assertThat(CpuMeter.role("main")).isEqualTo("completion probe");
        assertThat(CpuMeter.role("data-plane-kafka-request-handler-0")).isEqualTo("Kafka broker, worker, JVM");
    }
}
