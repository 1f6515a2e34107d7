package io.dsk.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerIdsTest {

    @Test
    void idsAreStableCompactAndDistinctPerConnectorPartitionAndStream() {
        String id = ProducerIds.of("sink", "orders", 0, "a/b");

        assertThat(id).isEqualTo(ProducerIds.of("sink", "orders", 0, "a/b")).matches("dsk-[A-Za-z0-9_-]{22}");
        assertThat(id).isNotEqualTo(ProducerIds.of("sink2", "orders", 0, "a/b"))
                .isNotEqualTo(ProducerIds.of("sink", "orders", 1, "a/b"))
                .isNotEqualTo(ProducerIds.of("sink", "orders", 0, "a/c"));
        assertThat(ProducerIds.of("ab", "c", 0, "p")).isNotEqualTo(ProducerIds.of("a", "bc", 0, "p"));
    }
}
