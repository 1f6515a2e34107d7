package io.dsk.connector.delivery;

import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.render.BatchBody;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one source partition bound for one stream, in Kafka order, with the idempotent
 * producer session that writes them. A lane has at most one request in flight, which keeps order.
 * Not thread-safe: the caller holds the delivery lock.
 */
final class Lane {

    final TopicPartition partition;
    final String path;
    final StreamContentType contentType;
    final String producerId;
    final ProducerSession session = new ProducerSession();
    private final ArrayDeque<PendingRecord> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int queuedCloses;
    private long oldestQueuedNanos;
    Batch inFlight;
    boolean urgent;
    boolean createAttempted;
    boolean abandoned;
    int splitLimit = Integer.MAX_VALUE;
    int sequenceGaps;

    Lane(TopicPartition partition, String path, StreamContentType contentType, String producerId) {
        this.partition = partition;
        this.path = path;
        this.contentType = contentType;
        this.producerId = producerId;
    }

    void enqueue(PendingRecord record, long nowNanos) {
        if (queue.isEmpty()) {
            oldestQueuedNanos = nowNanos;
        }
        queue.addLast(record);
        queuedBytes += record.size();
        if (record.closes()) {
            queuedCloses++;
        }
    }

    /** Puts records of a batch back at the head of the queue, to be sent again at once. */
    void requeueFront(List<PendingRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            PendingRecord record = records.get(i);
            queue.addFirst(record);
            queuedBytes += record.size();
            if (record.closes()) {
                queuedCloses++;
            }
        }
        urgent = true;
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    int queuedCount() {
        return queue.size();
    }

    List<PendingRecord> drainQueue() {
        List<PendingRecord> drained = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        queuedCloses = 0;
        return drained;
    }

    boolean isReady(long nowNanos, int maxRecords, int maxBytes, long lingerNanos) {
        return inFlight == null && !queue.isEmpty() && (urgent || queuedCloses > 0 || queue.size() >= maxRecords
                || queuedBytes >= maxBytes || nowNanos - oldestQueuedNanos >= lingerNanos);
    }

    /** Takes the next batch from the head of the queue: up to the limits, ending at a closing record. */
    List<PendingRecord> takeBatch(int maxRecords, int maxBytes, long nowNanos) {
        int limit = Math.min(maxRecords, splitLimit);
        List<PendingRecord> batch = new ArrayList<>();
        long bytes = 1;
        while (!queue.isEmpty() && batch.size() < limit) {
            PendingRecord next = queue.peekFirst();
            int framed = BatchBody.framedSize(contentType, next.size());
            if (!batch.isEmpty() && bytes + framed > maxBytes) {
                break;
            }
            queue.pollFirst();
            batch.add(next);
            bytes += framed;
            queuedBytes -= next.size();
            if (next.closes()) {
                queuedCloses--;
                break;
            }
        }
        urgent = false;
        oldestQueuedNanos = nowNanos;
        return batch;
    }
}
