package io.dsk.transforms.record;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Names a record by where it came from, for error messages that must not carry record data.
 *
 * @since 0.1
 */
public final class RecordCoordinates {

    private RecordCoordinates() {
    }

    /**
     * Describes a record's coordinates.
     *
     * @param record the record
     * @return e.g. {@code orders-3@1200} for a sink record, {@code orders-3} otherwise
     */
    public static String of(ConnectRecord<?> record) {
        String partition = record.topic() + "-" + record.kafkaPartition();
        if (record instanceof SinkRecord sinkRecord) {
            return partition + "@" + sinkRecord.kafkaOffset();
        }
        return partition;
    }
}
