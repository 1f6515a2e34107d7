package io.dsk.connector.delivery;

import io.dsk.connector.config.ClosedStreamBehavior;
import io.dsk.connector.config.StreamContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builders shared by the delivery tests. */
final class Records {

    private Records() {
    }

    static SinkRecord sink(String topic, int partition, long offset) {
        return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, "k" + offset, Schema.STRING_SCHEMA,
                "v" + offset, offset);
    }

    static PendingRecord json(String path, String topic, int partition, long offset) {
        byte[] payload = ("{\"p\":" + partition + ",\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
        return new PendingRecord(sink(topic, partition, offset), path, StreamContentType.JSON, payload, false);
    }

    static PendingRecord closing(String path, String topic, int partition, long offset, boolean withValue) {
        byte[] payload = withValue
                ? ("{\"p\":" + partition + ",\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8) : null;
        return new PendingRecord(sink(topic, partition, offset), path, StreamContentType.JSON, payload, true);
    }

    static DeliverySettings settings(int maxRecords, int maxInFlight, boolean autoCreate, long retryTimeoutMs) {
        return settings(maxRecords, maxInFlight, autoCreate, retryTimeoutMs, ClosedStreamBehavior.SKIP);
    }

    static DeliverySettings settings(int maxRecords, int maxInFlight, boolean autoCreate, long retryTimeoutMs,
                                     ClosedStreamBehavior closedStream) {
        RetryPolicy retry = new RetryPolicy(1_000, 1, 5, 0.0, retryTimeoutMs, () -> 0.5);
        return new DeliverySettings("orders-sink", maxRecords, 1 << 20, 0, maxInFlight, 10_000, autoCreate, -1, "",
                retry, "ds.url", closedStream);
    }

    /** Collects reported records; a tolerant errant record reporter. */
    static final class CollectingSink implements BadRecordSink {
        final List<SinkRecord> records = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public synchronized Future<?> report(SinkRecord record, Throwable reason) {
            records.add(record);
            reasons.add(reason.getMessage());
            return CompletableFuture.completedFuture(null);
        }
    }
}
