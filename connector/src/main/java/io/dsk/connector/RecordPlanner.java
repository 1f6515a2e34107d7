package io.dsk.connector;

import io.dsk.connector.config.CloseTrigger;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.config.NullValueBehavior;
import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.delivery.PendingRecord;
import io.dsk.connector.render.RecordRenderer;
import io.dsk.connector.route.StreamRouter;
import io.dsk.transforms.StreamHeaders;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Decides what a record does to its stream: append its rendered value, close the stream (with or without
 * a final value), or nothing (a skipped null value).
 */
final class RecordPlanner {

    private final StreamRouter router;
    private final RecordRenderer renderer;
    private final CloseTrigger closeOn;
    private final NullValueBehavior nullValues;

    RecordPlanner(StreamRouter router, RecordRenderer renderer, CloseTrigger closeOn, NullValueBehavior nullValues) {
        this.router = router;
        this.renderer = renderer;
        this.closeOn = closeOn;
        this.nullValues = nullValues;
    }

    /**
     * @param record a record
     * @return the record to deliver, or {@code null} when the record is skipped
     * @throws DataException if the record is bad: unroutable, unrenderable, or a null value that must fail
     */
    PendingRecord plan(SinkRecord record) {
        boolean closeHeader = closeOn.onHeader() && StreamHeaders.closesStream(record.headers());
        if (record.value() == null) {
            boolean closes = closeHeader || closeOn.onTombstone() || nullValues == NullValueBehavior.CLOSE;
            if (!closes) {
                if (nullValues == NullValueBehavior.FAIL) {
                    throw new DataException("the record has a null value and " + DurableStreamsSinkConfig.NULL_VALUE_BEHAVIOR_CONFIG + "=fail");
                }
                return null;
            }
            String path = router.pathFor(record);
            return new PendingRecord(record, path, router.contentTypeFor(record.topic()), null, true);
        }
        String path = router.pathFor(record);
        StreamContentType contentType = router.contentTypeFor(record.topic());
        return new PendingRecord(record, path, contentType, renderer.render(record, contentType), closeHeader);
    }
}
