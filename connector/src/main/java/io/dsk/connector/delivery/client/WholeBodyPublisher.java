package io.dsk.connector.delivery.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body handed to the HTTP client as one buffer over the body array, where
 * {@code BodyPublishers.ofByteArray} would copy it into fresh buffers first. The array must not change
 * while the request may still be sent. Every subscriber (a resend) gets the whole body again.
 */
final class WholeBodyPublisher implements Flow.Publisher<ByteBuffer> {

    private final byte[] body;

    private WholeBodyPublisher(byte[] body) {
        this.body = body;
    }

    /**
     * @param body the body; not copied
     * @return a publisher of it with its length, or no body for an empty array
     */
    static HttpRequest.BodyPublisher of(byte[] body) {
        return body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(new WholeBodyPublisher(body), body.length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new OneBuffer(subscriber, ByteBuffer.wrap(body)));
    }

    /** Delivers the one buffer at the first request, then completes. */
    private static final class OneBuffer implements Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final ByteBuffer buffer;
        private final AtomicBoolean finished = new AtomicBoolean();

        OneBuffer(Flow.Subscriber<? super ByteBuffer> subscriber, ByteBuffer buffer) {
            this.subscriber = subscriber;
            this.buffer = buffer;
        }

        @Override
        public void request(long n) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("a subscriber must request at least one item, not " + n));
                return;
            }
            subscriber.onNext(buffer);
            subscriber.onComplete();
        }

        @Override
        public void cancel() {
            finished.set(true);
        }
    }
}
