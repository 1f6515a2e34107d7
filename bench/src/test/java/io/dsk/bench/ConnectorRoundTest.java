package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectorRoundTest {

    @Test
    void threadsAreAttributedByTheNamesConnectAndTheConnectorGiveThem() {
        assertThat(ConnectorRound.threadRole("task-thread-cb-dsk-r0-0")).isEqualTo("connector task thread");
        assertThat(ConnectorRound.threadRole("dsk-delivery-cb-dsk-r0")).isEqualTo("connector delivery thread");
        assertThat(ConnectorRound.threadRole("dsk-http")).isEqualTo("connector HTTP client");
        assertThat(ConnectorRound.threadRole("HttpClient-3-SelectorManager")).isEqualTo("connector HTTP client");
        assertThat(ConnectorRound.threadRole("main")).isEqualTo("completion probe");
        assertThat(ConnectorRound.threadRole("data-plane-kafka-request-handler-0"))
                .isEqualTo("Kafka broker, worker, JVM");
    }
}
