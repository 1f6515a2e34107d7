package io.dsk.connector.delivery.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class WholeBodyPublisherTest {

    /** Records what a publisher does to it. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> events = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            events.add("next " + new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void onError(Throwable throwable) {
            events.add("error " + throwable.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }
    }

    @Test
    void everySubscriberGetsTheWholeBodyOnceAndCompletes() {
        HttpRequest.BodyPublisher publisher = WholeBodyPublisher.of("[1,2]".getBytes(StandardCharsets.UTF_8));
        Recorder first = new Recorder();
        Recorder resend = new Recorder();

        publisher.subscribe(first);
        first.subscription.request(1);
        first.subscription.request(5);
        publisher.subscribe(resend);
        resend.subscription.request(Long.MAX_VALUE);

        assertThat(publisher.contentLength()).isEqualTo(5);
        assertThat(first.events).containsExactly("next [1,2]", "complete");
        assertThat(resend.events).containsExactly("next [1,2]", "complete");
    }

    @Test
    void aBadRequestIsAnErrorAndACancelStopsDelivery() {
        HttpRequest.BodyPublisher publisher = WholeBodyPublisher.of(new byte[] {'1'});
        Recorder bad = new Recorder();
        Recorder cancelled = new Recorder();

        publisher.subscribe(bad);
        bad.subscription.request(0);
        publisher.subscribe(cancelled);
        cancelled.subscription.cancel();
        cancelled.subscription.request(1);

        assertThat(bad.events).containsExactly("error IllegalArgumentException");
        assertThat(cancelled.events).isEmpty();
    }

    @Test
    void anEmptyBodyIsNoBody() {
        assertThat(WholeBodyPublisher.of(new byte[0]).contentLength()).isZero();
    }
}
