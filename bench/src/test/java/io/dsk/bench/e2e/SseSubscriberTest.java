package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The subscriber's handling of parsed events; nothing here opens a connection. */
class SseSubscriberTest {

    private final DeliveryLog log = new DeliveryLog();
    private final SseSubscriber subscriber = new SseSubscriber(null, URI.create("http://127.0.0.1:1/v1/stream/t/s0"),
            log);

    @Test
    void startsFromTheBeginningOfTheStream() {
        assertThat(subscriber.resumeOffset()).isEqualTo("-1");
        assertThat(subscriber.streamClosed()).isFalse();
    }

    @Test
    void dataEventBooksEveryRecordItHolds() {
        log.measureFrom(0);
        subscriber.onEvent("data", "[" + value(0, 1) + ",\n" + value(1, 2) + "]");

        assertThat(log.received()).isEqualTo(2);
        assertThat(log.latencies().count()).isEqualTo(2);
    }

    @Test
    void controlEventMovesTheResumeOffset() {
        subscriber.onEvent("control", "{\"streamNextOffset\":\"0000000000000000_0000000000000400\",\"upToDate\":true}");

        assertThat(subscriber.resumeOffset()).isEqualTo("0000000000000000_0000000000000400");
        assertThat(subscriber.streamClosed()).isFalse();
    }

    @Test
    void closedControlEventEndsTheSubscription() {
        subscriber.onEvent("control", "{\"streamNextOffset\":\"1_2\",\"streamClosed\":true}");

        assertThat(subscriber.streamClosed()).isTrue();
    }

    @Test
    void otherEventsChangeNothing() {
        subscriber.onEvent("message", value(0, 1));

        assertThat(log.received()).isZero();
        assertThat(subscriber.resumeOffset()).isEqualTo("-1");
    }

    @Test
    void redeliveryAfterAReconnectIsCountedAsDuplicate() {
        subscriber.onEvent("data", "[" + value(0, 1) + "]");
        subscriber.onEvent("data", "[" + value(0, 1) + "," + value(1, 2) + "]");

        assertThat(log.received()).isEqualTo(2);
        assertThat(log.duplicates()).isEqualTo(1);
    }

    private static String value(long seq, long sent) {
        return new String(RecordStamp.value(seq, sent, 64), StandardCharsets.US_ASCII);
    }
}
