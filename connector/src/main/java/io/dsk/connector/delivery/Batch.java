package io.dsk.connector.delivery;

import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.SourceRange;
import io.dsk.connector.render.BatchBody;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One append request of a lane and its retry state. Not thread-safe: the caller holds the delivery lock. */
final class Batch {

    private final Lane lane;
    private List<PendingRecord> records;
    private int retries;
    private long firstFailureNanos = -1;
    private long retryAtNanos;
    private long sentNanos;
    private int bodyBytes;

    Batch(Lane lane, List<PendingRecord> records) {
        this.lane = lane;
        this.records = records;
    }

    Lane lane() {
        return lane;
    }

    List<PendingRecord> records() {
        return records;
    }

    long firstOffset() {
        return records.get(0).offset();
    }

    long lastOffset() {
        return records.get(records.size() - 1).offset();
    }

    /**
     * Drops the records at or below a source watermark.
     *
     * @param watermark the highest source offset the stream already holds
     * @return the dropped records
     */
    List<PendingRecord> trimThrough(long watermark) {
        List<PendingRecord> dropped = new ArrayList<>();
        List<PendingRecord> kept = new ArrayList<>();
        for (PendingRecord record : records) {
            (record.offset() <= watermark ? dropped : kept).add(record);
        }
        records = kept;
        return dropped;
    }

    /** @return the request for the records and the lane's producer session as they are now */
    AppendRequest toRequest(long nowNanos) {
        sentNanos = nowNanos;
        List<byte[]> payloads = new ArrayList<>(records.size());
        for (PendingRecord record : records) {
            if (record.payload() != null) {
                payloads.add(record.payload());
            }
        }
        byte[] body = payloads.isEmpty() ? new byte[0] : BatchBody.join(lane.contentType(), payloads);
        bodyBytes = body.length;
        boolean close = records.get(records.size() - 1).closes();
        SourceRange source = new SourceRange(lane.partition().topic(), lane.partition().partition(), firstOffset(),
                lastOffset());
        return new AppendRequest(lane.path(), lane.contentType().mediaType(), body, lane.producerId(),
                lane.session().epoch(), lane.session().nextSeq(), source, close);
    }

    /** @return the body size of the request last made */
    int bodyBytes() {
        return bodyBytes;
    }

    /** @return ms from the last request to now */
    long millisSinceSent(long nowNanos) {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos - sentNanos);
    }

    /**
     * Counts a failure of this request.
     *
     * @return ms since the first failure of this request
     */
    long failed(long nowNanos) {
        if (firstFailureNanos < 0) {
            firstFailureNanos = nowNanos;
        }
        retries++;
        return TimeUnit.NANOSECONDS.toMillis(nowNanos - firstFailureNanos);
    }

    /** @return how many times this request failed */
    int retries() {
        return retries;
    }

    void retryAt(long nanos) {
        retryAtNanos = nanos;
    }

    boolean isRetryDue(long nowNanos) {
        return nowNanos - retryAtNanos >= 0;
    }

    String describe() {
        return lane.partition() + " offsets " + firstOffset() + ".." + lastOffset() + " (producer "
                + lane.producerId() + ")";
    }
}
