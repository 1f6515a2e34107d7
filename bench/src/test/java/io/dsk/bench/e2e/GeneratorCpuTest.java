package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class GeneratorCpuTest {

    private final Predicate<String> generator = GeneratorCpu.generatorThreads("HttpClient-3-SelectorManager");

    @Test
    void scenarioThreadsAndItsProducerNetworkThreadAreTheGenerator() {
        assertThat(generator).accepts("e2e-producer", "e2e-sse-0-1", "e2e-http-4",
                "kafka-producer-network-thread | e2e-producer-e2e-dsk-1000-r0", "HttpClient-3-SelectorManager");
    }

    @Test
    void brokerWorkerAndConnectorThreadsAreNot() {
        assertThat(generator).rejects("task-thread-e2e-dsk-1000-r0-0", "HttpClient-4-SelectorManager",
                "kafka-producer-network-thread | connector-producer-x", "data-plane-kafka-request-handler-0", "main");
    }

    @Test
    void withoutAKnownSelectorThreadOnlyNamedThreadsCount() {
        assertThat(GeneratorCpu.generatorThreads(null)).accepts("e2e-sse-1-0").rejects("HttpClient-1-SelectorManager");
    }
}
