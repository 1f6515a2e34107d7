package io.dsk.connector.delivery;

import io.dsk.connector.config.StreamContentType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record on its way to a stream: where it goes, its rendered bytes and whether it closes the stream.
 */
public final class PendingRecord {

    private final SinkRecord record;
    private final TopicPartition partition;
    private final String path;
    private final StreamContentType contentType;
    private final byte[] payload;
    private final boolean close;
    OffsetSlot slot;

    /**
     * @param record      the Kafka record, kept for the errant record reporter
     * @param path        the escaped stream path
     * @param contentType the stream's content type
     * @param payload     the rendered bytes, or {@code null} for a close without data
     * @param close       whether the stream is closed after this record
     */
    public PendingRecord(SinkRecord record, String path, StreamContentType contentType, byte[] payload,
                         boolean close) {
        if (payload == null && !close) {
            throw new IllegalArgumentException("a record without payload must close its stream");
        }
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.kafkaPartition());
        this.path = path;
        this.contentType = contentType;
        this.payload = payload;
        this.close = close;
    }

    /** @return the Kafka record */
    public SinkRecord record() {
        return record;
    }

    /** @return the record's topic partition */
    public TopicPartition partition() {
        return partition;
    }

    /** @return the record's Kafka offset */
    public long offset() {
        return record.kafkaOffset();
    }

    /** @return the escaped stream path */
    public String path() {
        return path;
    }

    /** @return the stream's content type */
    public StreamContentType contentType() {
        return contentType;
    }

    /** @return the rendered bytes, or {@code null} for a close without data */
    public byte[] payload() {
        return payload;
    }

    /** @return the size of the rendered bytes */
    public int size() {
        return payload == null ? 0 : payload.length;
    }

    /** @return whether the stream is closed after this record */
    public boolean closes() {
        return close;
    }

    /** @return topic, partition and offset, for messages that must not show record contents */
    public String coordinates() {
        return partition + "@" + record.kafkaOffset();
    }
}
