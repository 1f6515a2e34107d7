package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.SseFrames;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.ReadResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveChunkTest {

    private static LiveChunk chunk(String contentType, String stored) {
        StreamMetadata meta = new StreamMetadata(1, "s", contentType, -1, null, -1, 0, stored.length(), false, null,
                null, -1, null, 0, 0, false);
        return new LiveChunk(new ReadResult(meta, 0, stored.length(), stored.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDataFrameIsEncodedOnceAndSharedByEverySession() {
        LiveChunk chunk = chunk("application/json", "1,{\"a\":2},");

        byte[] first = chunk.sseData(false, true);
        byte[] second = chunk.sseData(false, true);

        assertThat(second).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(SseFrames.data(
                "[1,{\"a\":2}]".getBytes(StandardCharsets.UTF_8), false));
        assertThat(chunk.payloadBytes(true)).isEqualTo("[1,{\"a\":2}]".length());
    }

    @Test
    void binaryChunksAreFramedAsBase64() {
        LiveChunk chunk = chunk("application/octet-stream", "hi");

        assertThat(new String(chunk.sseData(true, false), StandardCharsets.UTF_8)).isEqualTo("event: data\ndata:aGk=\n\n");
        assertThat(chunk.payloadBytes(false)).isEqualTo(2);
    }
}
