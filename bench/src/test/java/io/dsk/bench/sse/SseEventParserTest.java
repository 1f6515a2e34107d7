package io.dsk.bench.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

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

    private final List<String> events = new ArrayList<>();
    private final SseEventParser parser = new SseEventParser((type, data) -> events.add(type + "|" + data));

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlines() {
        lines("event: data", "data: [", "data:{\"k\":\"v\"},", "data: ]", "");

        assertThat(events).containsExactly("data|[\n{\"k\":\"v\"},\n]");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        lines("event: data", "data:   indented", "");

        assertThat(events).containsExactly("data|  indented");
    }

    @Test
    void dataAndControlEventsAreDeliveredSeparatelyInOrder() {
        lines("event: data", "data: [1]", "", "event: control", "data: {\"streamNextOffset\":\"5\"}", "");

        assertThat(events).containsExactly("data|[1]", "control|{\"streamNextOffset\":\"5\"}");
    }

    @Test
    void commentsAndKeepAlivesProduceNoEvent() {
        lines(": keep-alive", "", ": another", "");

        assertThat(events).isEmpty();
    }

    @Test
    void eventWithoutANameIsAMessage() {
        lines("data: hello", "");

        assertThat(events).containsExactly("message|hello");
    }

    @Test
    void unknownFieldsAreIgnored() {
        lines("id: 7", "retry: 1000", "event: data", "data: x", "");

        assertThat(events).containsExactly("data|x");
    }

    @Test
    void noEventIsDeliveredBeforeTheBlankLine() {
        lines("event: data", "data: [1]");

        assertThat(events).isEmpty();
    }

    @Test
    void anEventWithoutDataIsNotDispatched() throws IOException {
        bytes("event: data\n\n: comment\n\n");

        assertThat(events).isEmpty();
    }

    @Test
    void emptyDataLineCountsAsData() {
        lines("event: data", "data:", "");

        assertThat(events).containsExactly("data|");
    }

    @Test
    void resetDropsAPartlyReceivedEvent() {
        lines("event: data", "data: cut off");
        parser.reset();
        lines("event: control", "data: {}", "");

        assertThat(events).containsExactly("control|{}");
    }

    @Test
    void resetDropsAPartlyReceivedLine() throws IOException {
        bytes("event: data\ndata:[{\"t\":1}");
        parser.reset();
        bytes("event: control\ndata:{}\n\n");

        assertThat(events).containsExactly("control|{}");
    }

    @Test
    void eventsAreTheSameWhereverTheReadsSplitTheStream() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int a = 1; a < bytes.length; a++) {
            for (int b = a; b < bytes.length; b += 7) {
                List<String> seen = new ArrayList<>();
                SseEventParser split = new SseEventParser((type, data) -> seen.add(type + "|" + data));
                split.feed(bytes, 0, a);
                split.feed(bytes, a, b - a);
                split.feed(bytes, b, bytes.length - b);
                assertThat(seen).as("splits at %d and %d", a, b).isEqualTo(EXPECTED);
            }
        }
    }

    @Test
    void aCarriageReturnAndLineFeedInSeparateReadsEndOneLine() throws IOException {
        bytes("data:a\r");
        bytes("\ndata:b\r");
        bytes("\n\r");
        bytes("\n");

        assertThat(events).containsExactly("message|a\nb");
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() throws IOException {
        byte[] bytes = "data:{\"name\":\"Zoë €\"}\n\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }

        assertThat(events).containsExactly("message|{\"name\":\"Zoë €\"}");
    }

    private void lines(String... lines) {
        for (String line : lines) {
            parser.acceptLine(line);
        }
    }

    private void bytes(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }
}
