package io.dsk.transforms;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builds sink records for tests. */
public final class TestRecords {

    public static final String TOPIC = "orders";
    public static final int PARTITION = 3;
    public static final long OFFSET = 1200L;
    public static final long TIMESTAMP = 1_736_937_000_000L;

    private TestRecords() {
    }

    public static SinkRecord schemaless(Object key, Object value) {
        return record(null, key, null, value, new ConnectHeaders());
    }

    public static SinkRecord schemaless(Object key, Object value, Map<String, ?> headers) {
        ConnectHeaders connectHeaders = new ConnectHeaders();
        headers.forEach((name, headerValue) -> connectHeaders.add(name, headerValue, null));
        return record(null, key, null, value, connectHeaders);
    }

    public static SinkRecord withSchema(Schema keySchema, Object key, Schema valueSchema, Object value) {
        return record(keySchema, key, valueSchema, value, new ConnectHeaders());
    }

    public static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value, Headers headers) {
        return new SinkRecord(TOPIC, PARTITION, keySchema, key, valueSchema, value, OFFSET, TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }

    public static String streamHeader(SinkRecord record) {
        return StreamHeaders.streamPath(record.headers()).orElse(null);
    }
}
