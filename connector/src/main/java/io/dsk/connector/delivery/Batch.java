package io.dsk.connector.delivery;

import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.SourceRange;
import io.dsk.connector.render.BatchBody;
import java.util.ArrayList;
import java.util.List;

/** One append request of a lane and its retry state. Not thread-safe: the caller holds the delivery lock. */
final class Batch {

    final Lane lane;
    private List<PendingRecord> records;
    int retries;
    long firstFailureNanos = -1;
    long sentNanos;
    int bodyBytes;

    Batch(Lane lane, List<PendingRecord> records) {
        this.lane = lane;
        this.records = records;
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

    AppendRequest toRequest() {
        List<byte[]> payloads = new ArrayList<>(records.size());
        for (PendingRecord record : records) {
            if (record.payload() != null) {
                payloads.add(record.payload());
            }
        }
        byte[] body = payloads.isEmpty() ? new byte[0] : BatchBody.join(lane.contentType, payloads);
        bodyBytes = body.length;
        boolean close = records.get(records.size() - 1).closes();
        SourceRange source = new SourceRange(lane.partition.topic(), lane.partition.partition(), firstOffset(),
                lastOffset());
        return new AppendRequest(lane.path, lane.contentType.mediaType(), body, lane.producerId,
                lane.session.epoch(), lane.session.nextSeq(), source, close);
    }

    String describe() {
        return lane.partition + " offsets " + firstOffset() + ".." + lastOffset() + " (producer " + lane.producerId
                + ")";
    }
}
