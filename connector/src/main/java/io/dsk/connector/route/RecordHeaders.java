package io.dsk.connector.route;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** The record headers the connector reads: {@code ds.stream} (route override) and {@code ds.close}. */
public final class RecordHeaders {

    /** A complete, already escaped stream path that overrides the templates. */
    public static final String STREAM = "ds.stream";
    /** {@code true} closes the record's stream after the record. */
    public static final String CLOSE = "ds.close";

    private RecordHeaders() {
    }

    /**
     * @param record a record
     * @param name   a header name
     * @return the text of the record's last header with that name, or {@code null}
     */
    public static String text(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof byte[]) {
            return new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    /**
     * @param record a record
     * @return whether it carries {@code ds.close=true} (case-insensitive)
     */
    public static boolean closes(SinkRecord record) {
        String value = text(record, CLOSE);
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
