package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseEventParser parser = new SseEventParser((type, data) -> events.add(type + "|" + data));

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlines() {
        feed("event: data", "data: [", "data:{\"k\":\"v\"},", "data: ]", "");

        assertThat(events).containsExactly("data|[\n{\"k\":\"v\"},\n]");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        feed("event: data", "data:   indented", "");

        assertThat(events).containsExactly("data|  indented");
    }

    @Test
    void dataAndControlEventsAreDeliveredSeparatelyInOrder() {
        feed("event: data", "data: [1]", "", "event: control", "data: {\"streamNextOffset\":\"5\"}", "");

        assertThat(events).containsExactly("data|[1]", "control|{\"streamNextOffset\":\"5\"}");
    }

    @Test
    void commentsAndKeepAlivesProduceNoEvent() {
        feed(": keep-alive", "", ": another", "");

        assertThat(events).isEmpty();
    }

    @Test
    void eventWithoutANameIsAMessage() {
        feed("data: hello", "");

        assertThat(events).containsExactly("message|hello");
    }

    @Test
    void unknownFieldsAreIgnored() {
        feed("id: 7", "retry: 1000", "event: data", "data: x", "");

        assertThat(events).containsExactly("data|x");
    }

    @Test
    void noEventIsDeliveredBeforeTheBlankLine() {
        feed("event: data", "data: [1]");

        assertThat(events).isEmpty();
    }

    @Test
    void resetDropsAPartlyReceivedEvent() {
        feed("event: data", "data: cut off");
        parser.reset();
        feed("event: control", "data: {}", "");

        assertThat(events).containsExactly("control|{}");
    }

    @Test
    void emptyDataLineCountsAsData() {
        feed("event: data", "data:", "");

        assertThat(events).containsExactly("data|");
    }

    private void feed(String... lines) {
        for (String line : lines) {
            parser.accept(line);
        }
    }
}
