package io.dsk.connector.delivery.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Several gateways that serve the same streams (the nodes of a gateway cluster), used one at a time: every
 * request goes to the current one, and a request that gets no answer or a 5xx moves the following requests to
 * the next one, round robin. The request itself is not sent again here: the delivery engine retries it as for a
 * single gateway, and its retry goes to the next gateway. Retrying an append on another node is safe because the
 * producer headers make appends idempotent across the cluster.
 */
public final class FailoverTransport implements StreamTransport {

    private final List<StreamTransport> gateways;
    private final AtomicInteger current = new AtomicInteger();

    /**
     * @param gateways one transport per gateway, the first used first
     * @throws IllegalArgumentException if there is none
     */
    public FailoverTransport(List<StreamTransport> gateways) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("no gateway to send to");
        }
        this.gateways = List.copyOf(gateways);
    }

    @Override
    public CompletableFuture<TransportResponse> append(AppendRequest request) {
        int used = current.get();
        return watched(used, gateways.get(used).append(request), TransportResponse::status);
    }

    @Override
    public CompletableFuture<TransportResponse> create(CreateRequest request) {
        int used = current.get();
        return watched(used, gateways.get(used).create(request), TransportResponse::status);
    }

    @Override
    public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
        int used = current.get();
        return watched(used, gateways.get(used).sourceWatermark(path, topic, partition), SourceWatermarkAnswer::status);
    }

    /** @return the URL on the gateway that requests go to now */
    @Override
    public String urlOf(String path) {
        return gateways.get(current.get()).urlOf(path);
    }

    /** @return the index of the gateway that requests go to now */
    int current() {
        return current.get();
    }

    private <T> CompletableFuture<T> watched(int used, CompletableFuture<T> answer, ToIntFunction<T> status) {
        return answer.whenComplete((response, failure) -> {
            if (failure != null || status.applyAsInt(response) >= 500) {
                current.compareAndSet(used, (used + 1) % gateways.size());
            }
        });
    }

    @Override
    public void close() {
        gateways.forEach(StreamTransport::close);
    }
}
