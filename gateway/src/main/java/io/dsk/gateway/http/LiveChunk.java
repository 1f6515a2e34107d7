package io.dsk.gateway.http;

import io.dsk.gateway.protocol.JsonMessages;
import io.dsk.gateway.protocol.SseFrames;
import io.dsk.gateway.streams.ReadResult;
import java.nio.charset.StandardCharsets;

/**
 * A chunk read once for the live readers woken by one change, with its SSE data frame encoded at
 * most once: every SSE session of a stream frames data the same way (the encoding follows the
 * stream's content type), so a thousand sessions at one position send the same bytes.
 */
final class LiveChunk {

    private final ReadResult result;
    private volatile byte[] sseData;

    LiveChunk(ReadResult result) {
        this.result = result;
    }

    ReadResult result() {
        return result;
    }

    /**
     * The {@code event: data} frame of this chunk; computed by the first caller (a race computes
     * equal bytes twice, harmlessly).
     */
    byte[] sseData(boolean base64, boolean json) {
        byte[] frame = sseData;
        if (frame == null) {
            byte[] payload = json ? JsonMessages.toArray(result.bytes()) : result.bytes();
            frame = SseFrames.data(payload, base64).getBytes(StandardCharsets.UTF_8);
            sseData = frame;
        }
        return frame;
    }

    /** Payload bytes the data frame carries (for the bytes-out metric). */
    int payloadBytes(boolean json) {
        return json ? result.bytes().length + 1 : result.bytes().length;
    }
}
