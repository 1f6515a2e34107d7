package io.dsk.connector.delivery;

import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.render.BatchBody;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one source partition bound for one stream, in Kafka order, with the idempotent
 * producer session that writes them. A lane has at most one request in flight, which keeps order.
 * Not thread-safe: the caller holds the delivery lock.
 */
final class Lane {

    private final TopicPartition partition;
    private final String path;
    private final StreamContentType contentType;
    private final String producerId;
    private final ProducerSession session = new ProducerSession();
    private final ArrayDeque<PendingRecord> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int queuedCloses;
    private long oldestQueuedNanos;
    private Batch inFlight;
    private boolean urgent;
    private boolean createAttempted;
    private boolean abandoned;
    private int splitLimit = Integer.MAX_VALUE;
    private int sequenceGaps;

    Lane(TopicPartition partition, String path, StreamContentType contentType, String producerId) {
        this.partition = partition;
        this.path = path;
        this.contentType = contentType;
        this.producerId = producerId;
    }

    TopicPartition partition() {
        return partition;
    }

    String path() {
        return path;
    }

    StreamContentType contentType() {
        return contentType;
    }

    String producerId() {
        return producerId;
    }

    ProducerSession session() {
        return session;
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

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** @return whether no request of this lane is in flight or waiting to be retried */
    boolean isIdle() {
        return inFlight == null;
    }

    /** @return how many records of this task the lane holds: queued and in its batch */
    int bufferedCount() {
        return queue.size() + (inFlight == null ? 0 : inFlight.records().size());
    }

    /** Sends what is queued at the next chance, without waiting for linger or a full batch. */
    void hurry() {
        urgent = hasQueued();
    }

    boolean isReady(long nowNanos, int maxRecords, int maxBytes, long lingerNanos) {
        return inFlight == null && !queue.isEmpty() && (urgent || queuedCloses > 0 || queue.size() >= maxRecords
                || queuedBytes >= maxBytes || nowNanos - oldestQueuedNanos >= lingerNanos);
    }

    /**
     * Takes the next batch from the head of the queue, up to the limits and ending at a closing record; it
     * is this lane's request in flight until {@link #finish()}.
     */
    Batch takeBatch(int maxRecords, int maxBytes, long nowNanos) {
        int limit = Math.min(maxRecords, splitLimit);
        List<PendingRecord> records = new java.util.ArrayList<>();
        long bytes = 1;
        while (!queue.isEmpty() && records.size() < limit) {
            PendingRecord next = queue.peekFirst();
            int framed = BatchBody.framedSize(contentType, next.size());
            if (!records.isEmpty() && bytes + framed > maxBytes) {
                break;
            }
            queue.pollFirst();
            records.add(next);
            bytes += framed;
            queuedBytes -= next.size();
            if (next.closes()) {
                queuedCloses--;
                break;
            }
        }
        urgent = false;
        oldestQueuedNanos = nowNanos;
        inFlight = new Batch(this, records);
        return inFlight;
    }

    /** The request in flight is over. */
    void finish() {
        inFlight = null;
    }

    /** The server accepted the request in flight: batches may be full size again. */
    void accepted() {
        session.accepted();
        splitLimit = Integer.MAX_VALUE;
        sequenceGaps = 0;
    }

    /**
     * The server refused the body of the batch in flight: its records go back to the head of the queue and
     * leave again at once in batches of half its size, until a bad record is alone.
     */
    void splitAfterRefusal() {
        List<PendingRecord> records = inFlight.records();
        splitLimit = Math.max(1, records.size() / 2);
        inFlight = null;
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

    /** @return how many sequence gaps in a row the server reported, this one included */
    int sequenceGap() {
        return ++sequenceGaps;
    }

    /** @return true the first time the stream is found missing; false when creating it did not help */
    boolean startCreate() {
        if (createAttempted) {
            return false;
        }
        createAttempted = true;
        return true;
    }

    /** Creating the stream failed transiently; the next 404 may try again. */
    void createFailed() {
        createAttempted = false;
    }

    /**
     * The task no longer owns the partition: the queue is dropped and answers still to come are ignored.
     *
     * @return how many records the lane held
     */
    int abandon() {
        int held = bufferedCount();
        abandoned = true;
        queue.clear();
        queuedBytes = 0;
        queuedCloses = 0;
        return held;
    }

    boolean isAbandoned() {
        return abandoned;
    }
}
