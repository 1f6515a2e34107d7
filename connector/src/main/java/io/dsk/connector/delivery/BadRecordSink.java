package io.dsk.connector.delivery;

import java.util.concurrent.Future;
import org.apache.kafka.connect.sink.SinkRecord;

/** Where records that can never be delivered go: Connect's errant record reporter (the DLQ). */
public interface BadRecordSink {

    /**
     * @param record the record
     * @param reason why it cannot be delivered; its message never holds record contents
     * @return completes when the record is safely reported
     * @throws org.apache.kafka.connect.errors.ConnectException if bad records are not tolerated
     */
    Future<?> report(SinkRecord record, Throwable reason);
}
