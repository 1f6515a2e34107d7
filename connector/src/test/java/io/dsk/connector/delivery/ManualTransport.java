package io.dsk.connector.delivery;

import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A transport whose answers the test gives by hand, to script exact protocol exchanges. */
final class ManualTransport implements StreamTransport {

    record Call(AppendRequest append, CreateRequest create, CompletableFuture<TransportResponse> answer) {
        void reply(int status, Map<String, String> headers) {
            answer.complete(TransportResponse.of(status, headers, ""));
        }

        void reply(int status) {
            reply(status, Map.of());
        }
    }

    private final List<Call> calls = new ArrayList<>();
    volatile OptionalLong watermark = OptionalLong.empty();

    @Override
    public synchronized CompletableFuture<TransportResponse> append(AppendRequest request) {
        Call call = new Call(request, null, new CompletableFuture<>());
        calls.add(call);
        notifyAll();
        return call.answer();
    }

    @Override
    public synchronized CompletableFuture<TransportResponse> create(CreateRequest request) {
        Call call = new Call(null, request, new CompletableFuture<>());
        calls.add(call);
        notifyAll();
        return call.answer();
    }

    /** Waits until the n-th call (from 0) was made and returns it. */
    synchronized Call call(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.size() <= n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("call " + n + " was never made; calls: " + calls.size());
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return calls.get(n);
    }

    @Override
    public CompletableFuture<OptionalLong> sourceWatermark(String path, String topic, int partition) {
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
