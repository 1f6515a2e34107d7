package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void textIsSplitOnEveryKindOfLineBreakSoPayloadsCannotInjectEvents() {
        String frame = SseFrames.data(b("a\r\n\r\nevent: control\rb\nc"), false);

        assertThat(frame).isEqualTo("event: data\ndata:a\ndata:\ndata:event: control\ndata:b\ndata:c\n\n");
    }

    @Test
    void aLeadingSpaceSurvivesTheParserEatingOneSpace() {
        assertThat(SseFrames.data(b(" x"), false)).isEqualTo("event: data\ndata:  x\n\n");
    }

    @Test
    void emptyTextAndATrailingLineBreakKeepTheirEmptyLines() {
        assertThat(SseFrames.data(b(""), false)).isEqualTo("event: data\ndata:\n\n");
        assertThat(SseFrames.data(b("x\r"), false)).isEqualTo("event: data\ndata:x\ndata:\n\n");
        assertThat(SseFrames.data(b("\n\n y"), false)).isEqualTo("event: data\ndata:\ndata:\ndata:  y\n\n");
    }

    @Test
    void binaryIsBase64InLinesThatConcatenateBack() {
        byte[] payload = new byte[200];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        String frame = SseFrames.data(payload, true);

        String joined = frame.replace("event: data\n", "").replace("data:", "").replace("\n", "");
        assertThat(Base64.getDecoder().decode(joined)).isEqualTo(payload);
    }

    @Test
    void controlEventsOmitTheCursorWhenClosed() {
        assertThat(SseFrames.control("o1", "c1", true, false))
                .isEqualTo("event: control\ndata:{\"streamNextOffset\":\"o1\",\"streamCursor\":\"c1\",\"upToDate\":true}\n\n");
        assertThat(SseFrames.control("o2", null, true, true))
                .isEqualTo("event: control\ndata:{\"streamNextOffset\":\"o2\",\"upToDate\":true,\"streamClosed\":true}\n\n");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
