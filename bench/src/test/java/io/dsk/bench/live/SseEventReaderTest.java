package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private static final String STREAM = ": keep-alive\n\n"
            + "event: data\n"
            + "data:[\n"
            + "data: {\"s\":1,\"t\":7},\n"
            + "data:{\"s\":2,\"t\":8}\n"
            + "data:]\n\n"
            + "event: control\r\n"
            + "data:{\"streamNextOffset\":\"0000000000000000_0000000000000042\",\"upToDate\":true}\r\n\r\n"
            + "event: control\r"
            + "id: 9\r"
            + "data:{\"streamNextOffset\":\"x\"}\r\r";

    private static final List<String> EXPECTED = List.of(
            "data|[\n{\"s\":1,\"t\":7},\n{\"s\":2,\"t\":8}\n]",
            "control|{\"streamNextOffset\":\"0000000000000000_0000000000000042\",\"upToDate\":true}",
            "control|{\"streamNextOffset\":\"x\"}");

    @Test
    void eventsAreTheSameWhereverTheReadsSplitTheStream() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int a = 1; a < bytes.length; a++) {
            for (int b = a; b < bytes.length; b += 7) {
                List<String> events = new ArrayList<>();
                SseEventReader reader = new SseEventReader((type, data) -> events.add(type + "|" + data));
                reader.feed(bytes, 0, a);
                reader.feed(bytes, a, b - a);
                reader.feed(bytes, b, bytes.length - b);
                assertThat(events).as("splits at %d and %d", a, b).isEqualTo(EXPECTED);
            }
        }
    }

    @Test
    void aCarriageReturnAndLineFeedInSeparateReadsEndOneLine() throws IOException {
        List<String> events = new ArrayList<>();
        SseEventReader reader = new SseEventReader((type, data) -> events.add(type + "|" + data));
        feed(reader, "data:a\r");
        feed(reader, "\ndata:b\r");
        feed(reader, "\n\r");
        feed(reader, "\n");
        assertThat(events).containsExactly("message|a\nb");
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() throws IOException {
        List<String> events = new ArrayList<>();
        SseEventReader reader = new SseEventReader((type, data) -> events.add(data));
        byte[] bytes = "data:{\"name\":\"Zoë €\"}\n\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, 1);
        }
        assertThat(events).containsExactly("{\"name\":\"Zoë €\"}");
    }

    @Test
    void resetDropsAPartlyReceivedEvent() throws IOException {
        List<String> events = new ArrayList<>();
        SseEventReader reader = new SseEventReader((type, data) -> events.add(type + "|" + data));
        feed(reader, "event: data\ndata:[{\"t\":1}");
        reader.reset();
        feed(reader, "event: control\ndata:{}\n\n");
        assertThat(events).containsExactly("control|{}");
    }

    @Test
    void anEventWithoutDataIsNotDispatched() throws IOException {
        List<String> events = new ArrayList<>();
        SseEventReader reader = new SseEventReader((type, data) -> events.add(type));
        feed(reader, "event: data\n\n: comment\n\n");
        assertThat(events).isEmpty();
    }

    private static void feed(SseEventReader reader, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        reader.feed(bytes, 0, bytes.length);
    }
}
