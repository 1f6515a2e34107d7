package io.dsk.connector.delivery;

import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A transport whose answers the test gives by hand, to script exact protocol exchanges. Requests made from
 * another thread (a task blocked on buffer space) are awaited with {@link #call(int)}.
 */
final class ManualTransport implements StreamTransport {

    /** One request the engine made; a reply is handled by the engine before the reply returns. */
    record Call(AppendRequest append, CreateRequest create, CompletableFuture<TransportResponse> answer,
                ManualLoop loop) {
        void reply(int status, Map<String, String> headers) {
            reply(TransportResponse.of(status, headers, ""));
        }

        void reply(int status) {
            reply(status, Map.of());
        }

        void reply(TransportResponse response) {
            answer.complete(response);
            loop.runPending();
        }

        void fail(Throwable error) {
            answer.completeExceptionally(error);
            loop.runPending();
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final ManualLoop loop;
    volatile SourceWatermarkAnswer watermark = SourceWatermarkAnswer.found(OptionalLong.empty());

    ManualTransport(ManualLoop loop) {
        this.loop = loop;
        loop.onQueued(() -> {
            synchronized (this) {
                notifyAll();
            }
        });
    }

    @Override
    public synchronized CompletableFuture<TransportResponse> append(AppendRequest request) {
        Call call = new Call(request, null, new CompletableFuture<>(), loop);
        calls.add(call);
        notifyAll();
        return call.answer();
    }

    @Override
    public synchronized CompletableFuture<TransportResponse> create(CreateRequest request) {
        Call call = new Call(null, request, new CompletableFuture<>(), loop);
        calls.add(call);
        notifyAll();
        return call.answer();
    }

    /**
     * Waits until the n-th call (from 0) was made and returns it. Answers queued meanwhile (by a task thread
     * that registered for an answer the test already gave) are handled on the way.
     */
    Call call(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            loop.runPending();
            synchronized (this) {
                if (calls.size() > n) {
                    return calls.get(n);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("call " + n + " was never made; calls: " + calls.size());
                }
                if (!loop.hasPending()) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
    }

    @Override
    public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
        return CompletableFuture.completedFuture(watermark);
    }

    synchronized int callCount() {
        return calls.size();
    }

    @Override
    public String urlOf(String path) {
        return "http://127.0.0.1:4437/v1/stream/" + path;
    }

    @Override
    public void close() {
    }
}
