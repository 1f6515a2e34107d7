package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

/** The store gets the entry cache that --entry-cache-bytes asks for, up to an eighth of the heap. */
class StreamsApiEntryCacheTest {

    @Test
    void theEntryCacheIsTheOptionUpToAnEighthOfTheMaximumHeap() {
        long eighth = Runtime.getRuntime().maxMemory() / 8;

        assertThat(StreamsApi.entryCacheBytes(GatewaySettings.builder().entryCacheBytes(1 << 20).build()))
                .isEqualTo(1 << 20);
        assertThat(StreamsApi.entryCacheBytes(GatewaySettings.builder().entryCacheBytes(0).build())).isZero();
        assertThat(StreamsApi.entryCacheBytes(GatewaySettings.builder().entryCacheBytes(eighth * 4).build()))
                .isEqualTo(eighth);
    }
}
